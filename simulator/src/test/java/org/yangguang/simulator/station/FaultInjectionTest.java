package org.yangguang.simulator.station;

import org.yangguang.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import com.ghgande.j2mod.modbus.ModbusIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.testkit.MutableClock;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.sunspec.SunSpec.Event1;

/** Faults as a polling client experiences them, over real Modbus TCP. */
class FaultInjectionTest {


    private SimulatedStation station;

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
    }

    private SimulatedStation start() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults().withOfflineHold(Duration.ofSeconds(2)),
                new MutableClock(JUNE_NOON));
        return station;
    }

    @Test
    void offlineUnitTimesOutWhileOtherUnitsOnTheSamePortAnswer() throws Exception {
        start();
        station.inverter(2).setFaults(Faults.NONE.withOffline(true));
        try (ModbusClient client = new ModbusClient(station.port(), 300);
             ModbusClient other = new ModbusClient(station.port(), 300)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client.read(2, 40_000, 2)).isInstanceOf(ModbusIOException.class)
                    .hasMessageContaining("timed out");
            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(waitedMillis).as("the client waited for its own timeout").isBetween(300L, 1_900L);

            // while unit 2's request is still held, another connection is served at once
            assertThat(other.read(1, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            assertThat(other.read(3, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            // and so is the first client once it has reconnected after its timeout
            client.reconnect();
            assertThat(client.read(1, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            assertThat(station.inverter(1).served().acPowerW()).isPositive();

            station.inverter(2).setFaults(Faults.NONE);
            assertThat(client.read(2, 40_000, 2)).containsExactly(0x5375, 0x6E53);
        }
    }

    @Test
    void requestsQueuedBehindAHeldOneOnTheSameConnectionFailWithIt() throws Exception {
        // A logger works through one connection's requests in order: a client that does not reconnect after a
        // timeout finds its next request stuck behind the offline unit's, and then the connection dropped.
        start();
        station.inverter(2).setFaults(Faults.NONE.withOffline(true));
        try (ModbusClient client = new ModbusClient(station.port(), 300)) {
            assertThatThrownBy(() -> client.read(2, 40_000, 2)).isInstanceOf(ModbusIOException.class);
            assertThatThrownBy(() -> client.read(1, 40_000, 2)).isInstanceOf(ModbusIOException.class);
        }
    }

    @Test
    void offlineInverterKeepsProducingAndCountsEnergy() throws Exception {
        MutableClock clock = new MutableClock(JUNE_NOON);
        station = SimulatedStation.start(SimulatorConfig.defaults(), clock);
        SimulatedInverter inverter = station.inverter(1);
        inverter.fixOutput(30_000);
        station.refresh();
        long before = inverter.served().acEnergyWh();
        inverter.setFaults(Faults.NONE.withOffline(true));
        clock.advance(Duration.ofMinutes(30));
        station.refresh();
        assertThat(inverter.served().acEnergyWh()).isEqualTo(before + 15_000);
    }

    @Test
    void slowResponsesTimeOutImpatientClientsOnly() throws Exception {
        start();
        station.inverter(3).setFaults(Faults.NONE.withSlowResponse(Duration.ofMillis(600)));
        try (ModbusClient impatient = new ModbusClient(station.port(), 300)) {
            assertThatThrownBy(() -> impatient.read(3, 40_000, 2)).isInstanceOf(ModbusIOException.class);
        }
        try (ModbusClient patient = new ModbusClient(station.port(), 3_000)) {
            long t0 = System.nanoTime();
            assertThat(patient.read(3, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(600L);
        }
    }

    @Test
    void alarmSetsEventBitsFaultStateAndZeroOutput() throws Exception {
        start();
        long bits = Event1.OVER_TEMP.mask() | Event1.GRID_DISCONNECT.mask();
        station.inverter(1).setFaults(Faults.NONE.withAlarm(bits));
        station.refresh();
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            int[] m = client.read(1, 40_070, 52);
            assertThat(m[14]).as("W").isZero();
            assertThat(m[38]).as("St").isEqualTo(7);
            assertThat(((long) m[40] << 16) | m[41]).as("Evt1").isEqualTo(0b1001_0000L);
            int[] healthy = client.read(2, 40_070, 52);
            assertThat(healthy[38]).isEqualTo(4);
            assertThat(healthy[14]).isPositive();
        }
        assertThat(station.inverter(1).served().events1()).isEqualTo(bits);
    }

    @Test
    void zeroOutputReportsStandbyWithoutEvents() throws Exception {
        start();
        station.inverter(2).setFaults(Faults.NONE.withZeroOutput(true));
        station.refresh();
        ServedValues served = station.inverter(2).served();
        assertThat(served.acPowerW()).isZero();
        assertThat(served.operatingState()).isEqualTo(8);
        assertThat(served.events1()).isZero();
    }

    @Test
    void derateLosesItsShareOfOutput() throws Exception {
        start();
        long healthy = station.inverter(1).served().acPowerW();
        station.inverter(1).setFaults(Faults.NONE.withDerate(0.25));
        station.refresh();
        assertThat(station.inverter(1).served().acPowerW()).isCloseTo(Math.round(healthy * 0.75), org.assertj.core.data.Offset.offset(10L));
        assertThat(station.inverter(1).served().operatingState()).isEqualTo(4);
    }

    @Test
    void closeReleasesHeldRequestsPromptly() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults().withOfflineHold(Duration.ofMinutes(5)),
                new MutableClock(JUNE_NOON));
        station.inverter(1).setFaults(Faults.NONE.withOffline(true));
        try (ModbusClient client = new ModbusClient(station.port(), 200)) {
            assertThatThrownBy(() -> client.read(1, 40_000, 2)).isInstanceOf(ModbusIOException.class);
        }
        long t0 = System.nanoTime();
        station.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000L);
    }
}
