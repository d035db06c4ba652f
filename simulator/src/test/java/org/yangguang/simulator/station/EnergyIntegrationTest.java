package org.yangguang.simulator.station;

import org.yangguang.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yangguang.simulator.TestTimes.JUNE_MIDNIGHT;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.testkit.MutableClock;
import org.yangguang.simulator.config.SimulatorConfig;

/** The WH counter integrates served power exactly, driven by a test clock (no sleeping). */
class EnergyIntegrationTest {


    private final MutableClock clock = new MutableClock(JUNE_NOON);
    private SimulatedStation station;

    /**
     * Starts the default station at June noon with one inverter pinned to {@code watts}. The refresh that pins it
     * happens at the start instant, so the trapezoid from the sun's power to the pinned one adds nothing.
     */
    private SimulatedInverter startPinned(int unit, long watts) throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter inverter = station.inverter(unit);
        inverter.fixOutput(watts);
        station.refresh();
        return inverter;
    }

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
    }

    @Test
    void constantPowerForOneHourAddsExactlyItsWattHours() throws Exception {
        SimulatedInverter inverter = startPinned(1, 25_000);
        long before = inverter.served().acEnergyWh();
        assertThat(before).isEqualTo(100_000_000L);

        for (int s = 0; s < 3_600; s++) {
            clock.advance(Duration.ofSeconds(1));
            station.refresh();
        }

        assertThat(inverter.served().acPowerW()).isEqualTo(25_000);
        assertThat(inverter.served().acEnergyWh()).isEqualTo(before + 25_000);
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            int[] wh = client.read(1, 40_070 + 24, 2);
            assertThat(((long) wh[0] << 16) | wh[1]).isEqualTo(before + 25_000);
        }
    }

    @Test
    void irregularRefreshesLoseNoEnergyToRounding() throws Exception {
        SimulatedInverter inverter = startPinned(2, 33_330);
        long before = inverter.served().acEnergyWh();

        // 7 ms steps each carry 0.0648 Wh: all of it must survive in the remainder
        Duration total = Duration.ZERO;
        long[] stepsMillis = {7, 1_300, 13, 999, 61_001, 250};
        int k = 0;
        while (total.compareTo(Duration.ofHours(2)) < 0) {
            Duration step = Duration.ofMillis(stepsMillis[k++ % stepsMillis.length]);
            if (total.plus(step).compareTo(Duration.ofHours(2)) > 0) {
                step = Duration.ofHours(2).minus(total);
            }
            clock.advance(step);
            total = total.plus(step);
            station.refresh();
        }
        assertThat(inverter.served().acEnergyWh()).isEqualTo(before + 2 * 33_330);
    }

    @Test
    void trapezoidBetweenRefreshes() throws Exception {
        SimulatedInverter inverter = startPinned(3, 0);
        long before = inverter.served().acEnergyWh();
        clock.advance(Duration.ofHours(1));
        inverter.fixOutput(36_000);
        station.refresh();
        // a ramp from 0 to 36 kW over one hour: 18 kWh
        assertThat(inverter.served().acEnergyWh()).isEqualTo(before + 18_000);
    }

    @Test
    void nightServesZeroPowerAndEnergyStandsStill() throws Exception {
        clock.set(JUNE_MIDNIGHT);
        station = SimulatedStation.start(SimulatorConfig.defaults().withClouds(0.5, 42), clock);
        long[] before = station.inverters().stream().mapToLong(i -> i.served().acEnergyWh()).toArray();
        for (int m = 0; m < 60; m++) {
            clock.advance(Duration.ofMinutes(1));
            station.refresh();
        }
        for (int k = 0; k < 3; k++) {
            ServedValues served = station.inverters().get(k).served();
            assertThat(served.acPowerW()).isZero();
            assertThat(served.dcPowerW()).isZero();
            assertThat(served.acCurrentA()).isZero();
            assertThat(served.operatingState()).isEqualTo(2); // SLEEPING
            assertThat(served.acEnergyWh()).isEqualTo(before[k]);
        }
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            int[] m = client.read(1, 40_070, 52);
            assertThat(m[14]).as("W").isZero();
            assertThat(m[38]).as("St").isEqualTo(2);
        }
    }

    @Test
    void sunnyDayYieldsAboutSixFullLoadHoursInJune() throws Exception {
        clock.set(Instant.parse("2026-06-20T16:00:00Z")); // local midnight
        station = SimulatedStation.start(SimulatorConfig.defaults(1, 50_000), clock);
        long before = station.inverter(1).served().acEnergyWh();
        long peak = 0;
        for (int m = 0; m < 24 * 60; m++) {
            clock.advance(Duration.ofMinutes(1));
            station.refresh();
            peak = Math.max(peak, station.inverter(1).served().acPowerW());
        }
        long dayWh = station.inverter(1).served().acEnergyWh() - before;
        // a clear solstice day on a horizontal array: between 5 and 9 kWh per kW, peaking near the rating
        assertThat(dayWh).isBetween(250_000L, 450_000L);
        assertThat(peak).isBetween(48_000L, 50_000L);
    }
}
