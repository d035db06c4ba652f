package org.yangguang.simulator.station;

import org.yangguang.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.testkit.MutableClock;
import org.yangguang.simulator.config.InverterConfig;
import org.yangguang.simulator.config.SimulatorConfig;

class PortPerInverterTest {


    @Test
    void eachInverterAnswersOnItsOwnPortOnly() throws Exception {
        SimulatorConfig ok = SimulatorConfig.defaults().withPortPerInverter(true)
                .withInverters(List.of(InverterConfig.of(1, 30_000, "A-1"), InverterConfig.of(2, 110_000, "A-2")));
        try (SimulatedStation station = SimulatedStation.start(ok, new MutableClock(JUNE_NOON))) {
            assertThat(station.ports()).hasSize(2).doesNotHaveDuplicates();
            assertThat(station.inverter(1).port()).isEqualTo(station.ports().get(0)).isEqualTo(station.port());
            assertThat(station.inverter(2).port()).isEqualTo(station.ports().get(1));
            try (ModbusClient first = new ModbusClient(station.inverter(1).port(), 2_000);
                 ModbusClient second = new ModbusClient(station.inverter(2).port(), 2_000)) {
                assertThat(first.read(1, 40_070 + 15, 1)).as("W_SF of 30 kW").containsExactly(1);
                assertThat(second.read(2, 40_070 + 15, 1)).as("W_SF of 110 kW").containsExactly(1);
                assertThatThrownBy(() -> first.read(2, 40_000, 2)).isInstanceOf(ModbusSlaveException.class);
                assertThat(second.read(2, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            }
            long w2 = station.inverter(2).served().acPowerW();
            assertThat(w2).isBetween(105_000L, 110_000L);
        }
    }

    @Test
    void smallInvertersServeWholeWatts() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withInverters(List.of(InverterConfig.of(1, 20_000, "S-1")));
        try (SimulatedStation station = SimulatedStation.start(config, new MutableClock(JUNE_NOON));
             ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            int[] w = client.read(1, 40_070 + 14, 2);
            assertThat((short) w[1]).as("W_SF").isEqualTo((short) 0);
            assertThat((long) w[0]).isEqualTo(station.inverter(1).served().acPowerW());
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (SimulatedStation first = SimulatedStation.start(SimulatorConfig.defaults(), new MutableClock(JUNE_NOON))) {
            assertThatThrownBy(() -> SimulatedStation.start(SimulatorConfig.defaults().withPort(first.port()),
                    new MutableClock(JUNE_NOON))).isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(first.port()));
        }
    }
}
