package org.yangguang.gateway.registermap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.RegisterImage;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterMapLoaderTest {
    private static final String GOOD = String.join("\n",
            "name: acme-pv",                                              // 1
            "model: acme:pv",                                             // 2
            "kind: inverter",                                             // 3
            "enums:",                                                     // 4
            "  state: {1: RUNNING, 2: FAULT}",                            // 5
            "bitfields:",                                                 // 6
            "  alarm: {0: OVER_TEMP, 3: GRID_LOSS}",                      // 7
            "points:",                                                    // 8
            "  - {name: ac_power, address: 100, type: s32, unit: W}",     // 9
            "  - {name: ac_energy, address: 102, type: u32, scale: 100, unit: Wh}",  // 10
            "  - {name: operating_state, address: 104, type: u16, enum: state}",     // 11
            "  - {name: events, address: 105, type: bitfield, bitfield: alarm}",     // 12
            "  - {name: temperature_cabinet, address: 106, type: s16, gain: 10, unit: Cel, invalid: [0x7FFF]}", // 13
            "");

    @Test
    void acceptsAWellFormedMap() {
        RegisterMap m = RegisterMapLoader.parse("acme.yaml", GOOD);
        assertThat(m.model()).isEqualTo("acme:pv");
        assertThat(m.points()).extracting(MapPoint::name).containsExactly("ac_power", "ac_energy", "operating_state",
                "events", "temperature_cabinet");
        assertThat(m.points().get(4).line()).isEqualTo(13);
    }

    @Test
    void malformedMapsAreRejectedWithFileLineAndWhat() {
        assertRejected(GOOD.replace("type: s32", "type: int32"), "acme.yaml:9: points[0].type: unknown type 'int32'");
        assertRejected(GOOD.replace("scale: 100, unit: Wh", "scale: 100, unit: kWh"),
                "acme.yaml:10: points[1].unit: ac_energy is a canonical point and is always in 'Wh', not 'kWh'");
        assertRejected(GOOD.replace("enum: state", "enum: states"),
                "acme.yaml:11: points[2].enum: no enum 'states' under 'enums'");
        assertRejected(GOOD.replace("address: 105", "address: 70000"),
                "acme.yaml:12: points[3].address: must be 0..65535, was 70000");
        assertRejected(GOOD.replace("address: 104, type: u16", "address: 104, fc: 6, type: u16"),
                "acme.yaml:11: points[2].fc: function code must be 3 (holding) or 4 (input), was 6");
        assertRejected(GOOD.replace("name: events", "name: operating_state"), "acme.yaml:12: points[3].name: point 'operating_state' is defined twice");
        assertRejected(GOOD.replace("gain: 10,", "gian: 10,"), "acme.yaml:13: points[4].gian: unknown key 'gian'");
        assertRejected(GOOD.replace("type: bitfield, bitfield: alarm", "type: bitfield"),
                "acme.yaml:12: points[3]: type bitfield needs 'bitfield: NAME'");
        assertRejected(GOOD.replace("  state: {1: RUNNING", "  state: {one: RUNNING"), "acme.yaml:5: enums.state: 'one' is not a number");
        assertRejected(GOOD.replace("name: ac_power,", "name: AC Power,"), "acme.yaml:9: points[0].name: point names are lower_snake_case");
        assertRejected(GOOD.replace("points:", "points: {"), "acme.yaml:");
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> RegisterMapLoader.parse("acme.yaml", yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aUserMapInAMapDirectoryIsUsedWithoutRebuildingAndABrokenOneStopsStartup(@TempDir Path dir) throws Exception {
        Path maps = Files.createDirectories(dir.resolve("maps"));
        Files.writeString(maps.resolve("acme-pv.yaml"), GOOD);
        RegisterImage img = new RegisterImage().u32(100, 36_250).u32(102, 1_234_567).u16(104, 2).u16(105, 0b1001)
                .s16(106, 0x7FFF);
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(5, img))) {
            GatewayConfig.Builder b = GatewayConfig.builder("map-test", "gw-map-test").mqtt(Services.mqttUrl())
                    .buffer(dir.resolve("buffer")).mapDir(maps)
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(new DeviceConfig("inv-acme", 5, "inverter", "acme-pv"))));
            try (Gateway gw = Gateway.create(b.build(), clock)) {
                Telemetry t = gw.pollOnce().get(0);
                assertThat(t.status()).isEqualTo(DeviceStatus.OK);
                assertThat(t.model()).isEqualTo("acme:pv");
                assertThat(t.points().get("ac_power").value()).isEqualTo(36250);
                assertThat(t.points().get("ac_energy").value()).isEqualTo(123456700);
                assertThat(t.points().get("operating_state").text()).isEqualTo("FAULT");
                assertThat(t.points().get("events").text()).isEqualTo("OVER_TEMP|GRID_LOSS");
                assertThat(t.points()).as("0x7FFF means not available").doesNotContainKey("temperature_cabinet");
            }
            Files.writeString(maps.resolve("acme-pv.yaml"), GOOD.replace("type: s32", "type: int32"));
            assertThatThrownBy(() -> Gateway.create(b.build(), clock)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("acme-pv.yaml:9: points[0].type: unknown type 'int32'");
        }
    }
}
