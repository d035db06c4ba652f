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

    /** A map for another brand, as an engineer would write it: who the device is decides how it is read. */
    private static final String VARIANTS = String.join("\n",
            "name: acme-pv",                                                                   // 1
            "model: acme:pv",                                                                  // 2
            "enums:",                                                                          // 3
            "  wiring: {1: STAR, 2: DELTA}",                                                   // 4
            "nameplate:",                                                                      // 5
            "  manufacturer: ACME Solar",                                                      // 6
            "  model: {address: 1000, type: string, length: 8}",                               // 7
            "  serial: {address: 1008, type: string, length: 6}",                              // 8
            "  wiring: {address: 1014, type: u16, enum: wiring}",                              // 9
            "points:",                                                                         // 10
            "  - {name: version, address: 1020, type: string, length: 4}",                     // 11
            "  - {name: ac_power, address: 100, type: s32, unit: W}",                          // 12
            "  - {name: ac_energy, address: 102, type: u32, scale: 1000, unit: Wh}",           // 13
            "variants:",                                                                       // 14
            "  - when: {wiring: STAR}",                                                        // 15
            "    points:",                                                                     // 16
            "      - {name: ac_voltage_an, address: 110, type: u16, gain: 10, unit: V}",       // 17
            "  - when: {wiring: DELTA}",                                                       // 18
            "    points:",                                                                     // 19
            "      - {name: ac_voltage_ab, address: 110, type: u16, gain: 10, unit: V}",       // 20
            "  - when: {model: 'PV-100*', wiring: [1, 2]}",                                    // 21
            "    points:",                                                                     // 22
            "      - {name: ac_energy, address: 120, type: u32, scale: 100, unit: Wh}",        // 23
            "      - {name: mppt2_voltage, address: 122, type: u16, gain: 10, unit: V}",       // 24
            "");

    private static final String DUMP = String.join("\n",
            "holding 1000 \"PV-100K\"/8 \"AC1234\"/6 2   # model, serial, wiring DELTA",
            "holding 1020 \"2.10\"/4",
            "holding 100 0 36250 0x0001 0xE240 0 0 0 0 0 0 4001",
            "holding 120 0x0012 0xD687 6123",
            "");

    @Test
    void whatTheNameplateSaysDecidesWhichPointsAreRead() throws Exception {
        RegisterMap m = RegisterMapLoader.parse("acme.yaml", VARIANTS);
        assertThat(m.nameplate()).extracting(NameplateField::name).containsExactly("manufacturer", "model", "serial",
                "wiring", "version");
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, RegisterImage.of(
                org.yangguang.simulator.image.RegisterDump.parse("acme.txt", DUMP))));
             org.yangguang.gateway.modbus.J2modLink link = org.yangguang.gateway.modbus.J2modLink.tcp("127.0.0.1",
                     slave.port(), LinkTiming.DEFAULTS)) {
            RegisterMapReader reader = new RegisterMapReader(m, 1, 125);
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("manufacturer", "ACME Solar");
            expected.put("model", "PV-100K");
            expected.put("serial", "AC1234");
            expected.put("wiring", "DELTA");
            expected.put("version", "2.10");
            // the nameplate block has a hole (1015..1019): the fields around it are read one by one
            assertThat(reader.identify(link).fields()).containsExactlyEntriesOf(expected);
            Map<String, org.yangguang.contract.PointValue> points = reader.read(link).points();
            assertThat(points.keySet()).containsExactly("ac_power", "ac_energy", "ac_voltage_ab", "mppt2_voltage");
            assertThat(points.get("ac_voltage_ab").value()).as("delta: a line voltage").isEqualTo(400.1);
            assertThat(points.get("ac_energy").value()).as("the PV-100 counts 0.1 kWh at 120").isEqualTo(123456700);
            assertThat(points.get("mppt2_voltage").value()).isEqualTo(612.3);
        }
        // another unit of the family: star wiring, no PV-100 extras
        RegisterMapReader star = new RegisterMapReader(m, 1, 125);
        assertThat(m.points(new MapIdentity(org.yangguang.contract.Nameplate.of(Map.of("model", "PV-50K",
                "wiring", "STAR")), Map.of("wiring", 1L)))).extracting(MapPoint::name)
                .containsExactly("ac_power", "ac_energy", "ac_voltage_an");
        assertThat(star.plan()).as("before identification: the base points").hasSize(1);
    }

    @Test
    void nameplatesAndVariantsThatCannotMeanAnythingAreRejectedWithFileLineAndWhat() {
        assertRejected(VARIANTS.replace("when: {wiring: STAR}", "when: {wirng: STAR}"),
                "acme.yaml:15: variants[0].when.wirng: 'wirng' is not a nameplate field");
        assertRejected(VARIANTS.replace("when: {wiring: STAR}", "when: {wiring: STRA}"),
                "acme.yaml:15: variants[0].when.wiring: 'STRA' is not a value of wiring");
        assertRejected(VARIANTS.replace("      - {name: mppt2_voltage, address: 122, type: u16, gain: 10, unit: V}",
                "      - {name: note, address: 122, type: string, length: 2}"),
                "acme.yaml:24: variants[2].points[1].type: string registers are nameplate fields");
        assertRejected(VARIANTS.replace("  manufacturer: ACME Solar", "  Manufacturer: ACME Solar"),
                "acme.yaml:6: nameplate.Manufacturer: nameplate fields are lower_snake_case");
        assertRejected(VARIANTS.replace("  serial: {address: 1008, type: string, length: 6}", "  serial: {address: 1008, type: string}"),
                "acme.yaml:8: nameplate.serial: a string needs 'length' in registers");
        assertRejected(VARIANTS.replace("  - {name: version, address: 1020", "  - {name: model, address: 1020"),
                "acme.yaml:11: points[0].name: 'model' is already a nameplate field");
    }
}
