package org.yangguang.simulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.simulator.MutableClock;
import org.yangguang.simulator.config.SimulatorConfig;

/** The WH counter integrates served power exactly, driven by a test clock (no sleeping). */
class EnergyIntegrationTest {

    static final Instant JUNE_NOON = Instant.parse("2026-06-21T04:40:00Z");
    /** 00:00 at UTC+8, about 23:25 local solar time at Lin County. */
    static final Instant JUNE_MIDNIGHT = Instant.parse("2026-06-21T16:00:00Z");

    private SimulatedStation station;

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
    }

    @Test
    void constantPowerForOneHourAddsExactlyItsWattHours() throws Exception {
        MutableClock clock = new MutableClock(JUNE_NOON);
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter inverter = station.inverter(1);
        inverter.fixOutput(25_000);
        station.refresh(); // the trapezoid from the sun's power to 25 kW at the same instant adds nothing
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
        MutableClock clock = new MutableClock(JUNE_NOON);
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter inverter = station.inverter(2);
        inverter.fixOutput(33_330);
        station.refresh();
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
        MutableClock clock = new MutableClock(JUNE_NOON);
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter inverter = station.inverter(3);
        inverter.fixOutput(0);
        station.refresh();
        long before = inverter.served().acEnergyWh();
        clock.advance(Duration.ofHours(1));
        inverter.fixOutput(36_000);
        station.refresh();
        // a ramp from 0 to 36 kW over one hour: 18 kWh
        assertThat(inverter.served().acEnergyWh()).isEqualTo(before + 18_000);
    }

    @Test
    void nightServesZeroPowerAndEnergyStandsStill() throws Exception {
        MutableClock clock = new MutableClock(JUNE_MIDNIGHT);
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
        MutableClock clock = new MutableClock(Instant.parse("2026-06-20T16:00:00Z")); // local midnight
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
