package org.yangguang.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadCommandTest {
    @Test
    void readsSunSpecByDiscoveryAndPrintsPointsWithUnits() throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(3, SunSpecImages.golden103(40000)))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = ReadCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(slave.port()),
                    "--unit", "3"}, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(rc).isZero();
            JsonNode j = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
            assertThat(j.get("model").asText()).isEqualTo("sunspec:103");
            assertThat(j.get("status").asText()).isEqualTo("ok");
            assertThat(j.at("/points/ac_power/value").asLong()).isEqualTo(36250);
            assertThat(j.at("/points/ac_power/unit").asText()).isEqualTo("W");
            assertThat(j.at("/points/ac_current_a/value").asDouble()).isEqualTo(17.4);
            assertThat(j.at("/points/operating_state/text").asText()).isEqualTo("MPPT");
            assertThat(j.get("points").has("temperature_transformer")).isFalse();
            // who it is: SunSpec model 1
            assertThat(j.at("/nameplate/manufacturer").asText()).isEqualTo("Yangguang");
            assertThat(j.at("/nameplate/model").asText()).isEqualTo("YG-50K");
            assertThat(j.at("/nameplate/serial").asText()).isEqualTo("SN-0001");
        }
    }

    @Test
    void readsAVendorDeviceWithANamedMap() throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, org.yangguang.gateway.testing.VendorImages.huaweiSun2000()))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = ReadCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(slave.port()),
                    "--unit", "1", "--map", "huawei-sun2000"}, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(rc).isZero();
            JsonNode j = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
            assertThat(j.get("model").asText()).isEqualTo("huawei:sun2000");
            assertThat(j.at("/points/ac_energy/value").asLong()).isEqualTo(123456780L);
            assertThat(j.at("/points/ac_energy/unit").asText()).isEqualTo("Wh");
            assertThat(j.at("/points/operating_state/text").asText()).isEqualTo("ON_GRID");
            assertThat(j.at("/points/alarm_2/text").asText()).isEqualTo("OVERTEMPERATURE");
            // the whole identity block
            assertThat(j.at("/nameplate/model").asText()).isEqualTo("SUN2000-50KTL-M3");
            assertThat(j.at("/nameplate/serial").asText()).isEqualTo("HV2150123456");
            assertThat(j.at("/nameplate/part_number").asText()).isEqualTo("01074523-009");
            assertThat(j.at("/nameplate/version").asText()).isEqualTo("V100R001C00SPC120");
        }
    }

    @Test
    void unitMissingBehindTheSlaveIsReportedWithItsModbusException() throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(3, SunSpecImages.golden103(40000)))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = ReadCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(slave.port()),
                    "--unit", "9", "--timeout-ms", "300"}, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(rc).isEqualTo(2);
            JsonNode j = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
            assertThat(j.get("status").asText()).as(j.toString()).isEqualTo("modbus_exception");
            assertThat(j.get("error").asText()).contains("unit 9").contains("Modbus exception");
        }
    }
}
