package org.yangguang.simulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.testkit.MutableClock;

/** What each inverter would have produced without its faults: the truth lost-energy estimates are tested against. */
class CounterfactualEnergyTest {
    private final MutableClock clock = new MutableClock(JUNE_NOON);
    private SimulatedStation station;

    @AfterEach
    void stop() {
        station.close();
    }

    private long lost(SimulatedInverter inverter) {
        return inverter.counterfactualEnergyWh() - inverter.served().acEnergyWh();
    }

    /** Refreshes every minute for {@code minutes}. */
    private void run(int minutes) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            station.refresh();
        }
    }

    @Test
    void anHourAtZeroOutputCostsExactlyTheHourItWouldHaveProduced() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter faulty = station.inverter(2);
        faulty.fixOutput(30_000);
        station.refresh();
        run(10);
        assertThat(lost(faulty)).as("nothing lost while healthy").isZero();

        faulty.setFaults(Faults.NONE.withZeroOutput(true));
        run(60);
        faulty.setFaults(Faults.NONE);
        run(10);
        // the served power falls to 0 within the minute before the first faulty refresh and rises again within the
        // minute after the last: 250 Wh are produced on each ramp, so 61 minutes at 30 kW less 500 Wh are lost
        assertThat(lost(faulty)).isEqualTo(30_000);
        assertThat(faulty.counterfactualEnergyWh() - faulty.served().acEnergyWh()).isEqualTo(30_000);
        assertThat(lost(station.inverter(1))).as("a healthy neighbour loses nothing").isZero();
    }

    @Test
    void aHealthyArraysOwnYieldIsNoLoss() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults().withInverters(java.util.List.of(
                org.yangguang.simulator.config.InverterConfig.of(1, 50_000, "A"),
                org.yangguang.simulator.config.InverterConfig.of(2, 50_000, "B").withYieldFactor(0.9))), clock);
        long a = station.inverter(1).served().acEnergyWh();
        long b = station.inverter(2).served().acEnergyWh();
        run(60);
        double ratio = (station.inverter(2).served().acEnergyWh() - b) / (double) (station.inverter(1).served().acEnergyWh() - a);
        assertThat(ratio).isCloseTo(0.9, within(0.002));
        assertThat(lost(station.inverter(2))).isZero();
    }

    @Test
    void alarmsAndDerateCostEnergyOfflineDoesNot() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        station.inverter(1).setFaults(Faults.NONE.withAlarm(1));
        station.inverter(2).setFaults(Faults.NONE.withDerate(0.3));
        station.inverter(3).setFaults(Faults.NONE.withOffline(true));
        long before = station.inverter(3).counterfactualEnergyWh();
        run(60);
        long wouldHave = station.inverter(3).counterfactualEnergyWh() - before;
        assertThat(wouldHave).as("a June noon hour of a 50 kW inverter").isGreaterThan(45_000);

        // all of it, less the ~415 Wh served while the power fell to 0 in the first minute
        assertThat(lost(station.inverter(1))).isCloseTo(wouldHave - wouldHave / 120, within(50L));
        assertThat((double) lost(station.inverter(2))).isCloseTo(0.3 * wouldHave, within(0.01 * wouldHave));
        // only its link is down: it goes on producing, and its counter shows it when it answers again
        assertThat(lost(station.inverter(3))).isZero();
    }
}
