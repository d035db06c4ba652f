package org.yangguang.simulator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.ImageDevice;
import org.yangguang.simulator.station.SimulatedStation;

/** Register images: the text format, and vendor devices served from them beside the SunSpec inverters. */
class RegisterImagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-21T04:40:00Z"), ZoneOffset.UTC);

    @Test
    void theTextFormatHoldsNumbersAndTextsAndSaysWhereItIsWrong() {
        RegisterDump d = RegisterDump.parse("x.txt", String.join("\n",
                "# a comment",
                "holding 100 0x0001 2 \"AB\"/2   # a text in two registers",
                "input   5000 0x2C06",
                ""));
        assertThat(d.read(RegisterDump.Table.HOLDING, 100, 4)).containsExactly(1, 2, 0x4142, 0);
        assertThat(d.read(RegisterDump.Table.INPUT, 5000, 1)).containsExactly(0x2C06);
        assertThat(d.read(RegisterDump.Table.INPUT, 5000, 2)).as("5001 is not in the image").isNull();
        assertThatThrownBy(() -> RegisterDump.parse("x.txt", "holding 1 2\nfoo 1 2\n"))
                .hasMessage("x.txt:2: a line starts with 'holding' or 'input', not 'foo'");
        assertThatThrownBy(() -> RegisterDump.parse("x.txt", "holding 1 0x10000"))
                .hasMessage("x.txt:1: 0x10000 is outside 0..65535");
        assertThatThrownBy(() -> RegisterDump.parse("x.txt", "holding 1 \"TOO LONG\"/2"))
                .hasMessage("x.txt:1: \"TOO LONG\" does not fit in 2 registers");
        assertThatThrownBy(() -> RegisterDump.parse("x.txt", "holding 1 5\nholding 1 6"))
                .hasMessage("x.txt:2: holding register 1 is given twice");
    }

    @Test
    void everyShippedImageParses() {
        for (String name : new String[]{"huawei-sun2000-50ktl-m3", "huawei-sun2000-50ktl-m3-shutdown", "sungrow-sg110cx",
                "sungrow-sg250hx", "eastron-sdm630"}) {
            RegisterDump d = RegisterDump.shipped(name);
            assertThat(d.holding().size() + d.input().size()).as(name).isGreaterThan(20);
        }
    }

    @Test
    void aVendorDeviceIsServedBesideTheInvertersAndCanBeSwappedOrSilenced() throws Exception {
        RegisterDump huawei = RegisterDump.shipped("huawei-sun2000-50ktl-m3");
        RegisterDump sungrow = RegisterDump.shipped("sungrow-sg110cx");
        try (SimulatedStation station = SimulatedStation.start(SimulatorConfig.defaults(1, 50_000)
                .withOfflineHold(java.time.Duration.ofMillis(300)), CLOCK, Map.of(10, huawei, 11, sungrow));
             ModbusClient client = new ModbusClient(station.port(), 1_000)) {
            assertThat(client.read(1, 40_000, 2)).as("the SunSpec inverter is still there").containsExactly(0x5375, 0x6E53);
            assertThat(client.read(10, 30_015, 10)).containsExactly(huawei.read(RegisterDump.Table.HOLDING, 30_015, 10));
            InputRegister[] in = client.master().readInputRegisters(11, 4999, 3);
            assertThat(Arrays.stream(in).mapToInt(InputRegister::getValue).toArray()).containsExactly(0x2C06, 1100, 1);
            assertThatThrownBy(() -> client.read(10, 30_000, 125)).isInstanceOf(ModbusSlaveException.class)
                    .hasMessageContaining("Illegal Data Address");
            assertThatThrownBy(() -> client.master().readInputRegisters(10, 30_000, 1))
                    .isInstanceOf(ModbusSlaveException.class);

            ImageDevice device = station.image(10);
            device.serve(huawei.withText(RegisterDump.Table.HOLDING, 30_015, 10, "HV2199999999"));
            assertThat(client.read(10, 30_015, 6)).containsExactly(0x4856, 0x3231, 0x3939, 0x3939, 0x3939, 0x3939);

            device.setOffline(true);
            assertThatThrownBy(() -> client.read(10, 30_015, 1)).as("no answer").isInstanceOf(Exception.class);
        }
    }
}
