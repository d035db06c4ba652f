package org.yangguang.gateway.registermap;

import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yangguang.contract.CanonicalPoint;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.J2modLink;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.poll.DeviceReading;
import org.yangguang.gateway.testing.RegisterImage;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.gateway.testing.VendorImages;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden register image of each device model the shipped vendor maps serve (simulator resources/images, one
 * hand-checkable file each, written from the manufacturer's protocol), read over a real Modbus TCP slave and
 * decoded to exact values: the nameplate identification reads and every point a poll publishes.
 */
class ShippedMapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Read(Nameplate nameplate, Map<String, PointValue> points) {
    }

    private static Read read(String map, String image) throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, RegisterImage.shipped(image)));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            RegisterMapReader reader = new RegisterMapReader(RegisterMapLoader.loadShipped(map), 1, 125);
            Nameplate nameplate = reader.identify(link);
            long before = link.requests();
            DeviceReading r = reader.read(link);
            assertThat(link.requests() - before).as("one request per planned block").isEqualTo(reader.plan().size());
            return new Read(nameplate, r.points());
        }
    }

    private static PointValue v(double value, String unit) {
        return new PointValue(value, unit, null);
    }

    private static PointValue t(double value, String text) {
        return new PointValue(value, "", text);
    }

    private static Map<String, String> goldenNameplate(String example) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        JSON.readTree(GoldenExamples.valid(example)).get("nameplate").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void huaweiSun2000() throws Exception {
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("rated_power", v(50000, "W"));
        e.put("pv_strings", v(8, ""));
        e.put("mppt_count", v(4, ""));
        e.put("state_1", t(6, "GRID_CONNECTED|GRID_CONNECTED_NORMALLY"));
        e.put("events", v(0, ""));
        e.put("alarm_2", t(8, "OVERTEMPERATURE"));
        e.put("alarm_3", v(0, ""));
        e.put("pv1_voltage", v(612.3, "V"));
        e.put("pv1_current", v(9.12, "A"));
        e.put("pv2_voltage", v(610, "V"));
        e.put("pv2_current", v(9.05, "A"));
        e.put("pv3_voltage", v(0, "V"));
        e.put("pv3_current", v(0, "A"));
        e.put("pv4_voltage", v(0, "V"));
        e.put("pv4_current", v(0, "A"));
        e.put("dc_power", v(37360, "W"));
        e.put("ac_voltage_ab", v(400, "V"));
        e.put("ac_voltage_bc", v(400.4, "V"));
        e.put("ac_voltage_ca", v(399.8, "V"));
        e.put("ac_voltage_an", v(230.9, "V"));
        e.put("ac_voltage_bn", v(231.2, "V"));
        e.put("ac_voltage_cn", v(230.5, "V"));
        e.put("ac_current_a", v(17.4, "A"));
        e.put("ac_current_b", v(17.5, "A"));
        e.put("ac_current_c", v(17.4, "A"));
        e.put("peak_power_today", v(41000, "W"));
        e.put("ac_power", v(36250, "W"));
        e.put("ac_reactive_power", v(-1200, "var"));
        e.put("power_factor", v(99.6, "%"));
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("efficiency", v(98.7, "%"));
        e.put("temperature_cabinet", v(41.3, "Cel"));
        e.put("insulation_resistance", v(3, "MOhm"));
        e.put("operating_state", t(0x0200, "ON_GRID"));
        e.put("fault_code", t(0, "NONE"));
        e.put("ac_energy", v(123456780, "Wh"));
        e.put("daily_energy", v(180500, "Wh"));
        Read got = read("huawei-sun2000", VendorImages.HUAWEI);
        assertThat(got.points()).containsExactlyEntriesOf(e);
        // the whole identity block, not only the model name: the contract's golden nameplate
        assertThat(got.nameplate().fields()).containsExactlyEntriesOf(goldenNameplate(GoldenExamples.NAMEPLATE_HUAWEI));
    }

    @Test
    void huaweiSun2000ShutDownWithTheNewerStatusAndAlarmThreeBits() throws Exception {
        Map<String, PointValue> got = read("huawei-sun2000", VendorImages.HUAWEI_SHUTDOWN).points();
        assertThat(got.get("operating_state")).isEqualTo(t(0x030C, "SHUTDOWN_ESS_END_OF_DISCHARGE"));
        assertThat(got.get("alarm_3")).isEqualTo(t(0x3E00, "EL_UNIT_ABNORMAL|ACTIVE_ADJUSTMENT_INSTRUCTION_ABNORMAL"
                + "|REACTIVE_ADJUSTMENT_INSTRUCTION_ABNORMAL|CT_WIRING_ABNORMAL|DC_ARC_FAULT_CLEAR_MANUALLY"));
        assertThat(got.get("fault_code")).isEqualTo(t(2092, "CT_WIRING_ABNORMAL"));
        assertThat(got.get("state_1")).isEqualTo(t(0b100000, "NORMAL_STOP"));
        assertThat(got.get("ac_power")).isEqualTo(v(0, "W"));
    }

    @Test
    void sungrowSg110cxThreePhaseFourWireWithNineMpptsAtDusk() throws Exception {
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("rated_power", v(110000, "W"));
        e.put("daily_energy", v(524300, "Wh"));
        e.put("ac_energy", v(234567800, "Wh"));        // 5144 in 0.1 kWh, not 5004's whole kWh (234,567,000)
        e.put("running_hours", v(12000, "h"));
        e.put("temperature_cabinet", v(31.2, "Cel"));
        e.put("mppt1_voltage", v(512.3, "V"));
        e.put("mppt1_current", v(1.2, "A"));
        e.put("mppt2_voltage", v(509.8, "V"));
        e.put("mppt2_current", v(1.1, "A"));
        e.put("mppt3_voltage", v(508.7, "V"));
        e.put("mppt3_current", v(1, "A"));
        e.put("dc_power", v(-35, "W"));                 // signed: not 4,294,967,261
        e.put("ac_current_a", v(-0.2, "A"));            // signed: not 6,553.4
        e.put("ac_current_b", v(-0.3, "A"));
        e.put("ac_current_c", v(-0.2, "A"));
        e.put("ac_power", v(0, "W"));
        e.put("ac_reactive_power", v(-150, "var"));
        e.put("power_factor", v(100, "%"));
        e.put("ac_frequency", v(49.98, "Hz"));          // 5148 in 0.01 Hz, not 5036's 50.0
        e.put("operating_state", t(0x1400, "STANDBY"));
        e.put("fault_code", t(0, "NONE"));
        e.put("ac_voltage_an", v(230.1, "V"));          // 3P4L: 5019-5021 are phase voltages
        e.put("ac_voltage_bn", v(229.8, "V"));
        e.put("ac_voltage_cn", v(230.5, "V"));
        e.put("mppt4_voltage", v(511, "V"));
        e.put("mppt4_current", v(1.2, "A"));
        e.put("mppt5_voltage", v(507.5, "V"));
        e.put("mppt5_current", v(0.9, "A"));
        e.put("mppt6_voltage", v(510.2, "V"));
        e.put("mppt6_current", v(1.1, "A"));
        e.put("mppt7_voltage", v(509.3, "V"));
        e.put("mppt7_current", v(1, "A"));
        e.put("mppt8_voltage", v(508.1, "V"));
        e.put("mppt8_current", v(0.9, "A"));
        e.put("mppt9_voltage", v(506.6, "V"));
        e.put("mppt9_current", v(0.8, "A"));
        Read got = read("sungrow-sg", VendorImages.SUNGROW_SG110CX);
        assertThat(got.points()).containsExactlyEntriesOf(e);
        assertThat(got.nameplate().fields()).isEqualTo(Map.of(
                "manufacturer", "Sungrow", "serial", "A2232508917", "model", "SG110CX", "output_type", "3P4L"));
    }

    @Test
    void sungrowSg250hxThreePhaseThreeWireWithTwelveMppts() throws Exception {
        Read got = read("sungrow-sg", VendorImages.SUNGROW_SG250HX);
        Map<String, PointValue> p = got.points();
        // 3P3L: 5019-5021 are line voltages, and nothing is published as a phase voltage
        assertThat(p).containsEntry("ac_voltage_ab", v(800.5, "V")).containsEntry("ac_voltage_bc", v(801.2, "V"))
                .containsEntry("ac_voltage_ca", v(799.8, "V"))
                .doesNotContainKeys("ac_voltage_an", "ac_voltage_bn", "ac_voltage_cn");
        double[][] mppts = {{1051.2, 20.1}, {1049.8, 20.3}, {1050.5, 19.9}, {1049, 20.2}, {1052.1, 19.8},
                {1050.3, 20.4}, {1048.7, 20}, {1051.1, 20.1}, {1049.9, 19.7}, {1050.8, 20.2}, {1049.3, 20.3},
                {1050.2, 19.9}};
        for (int k = 0; k < 12; k++) {
            assertThat(p).containsEntry("mppt" + (k + 1) + "_voltage", v(mppts[k][0], "V"))
                    .containsEntry("mppt" + (k + 1) + "_current", v(mppts[k][1], "A"));
        }
        assertThat(p).doesNotContainKey("mppt13_voltage")
                .containsEntry("ac_energy", v(456789400, "Wh")).containsEntry("ac_frequency", v(50.02, "Hz"))
                .containsEntry("dc_power", v(251234, "W")).containsEntry("ac_power", v(245600, "W"))
                .containsEntry("ac_current_a", v(177.2, "A")).containsEntry("power_factor", v(99.9, "%"))
                .containsEntry("operating_state", t(0, "RUN"));
        assertThat(got.nameplate().get("model")).isEqualTo("SG250HX");
        assertThat(got.nameplate().get("output_type")).isEqualTo("3P3L");
    }

    @Test
    void eastronSdm630ThreePhaseMeterAtAnExportingStation() throws Exception {
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_voltage_an", v(230.9, "V"));
        e.put("ac_voltage_bn", v(231.2, "V"));
        e.put("ac_voltage_cn", v(230.5, "V"));
        e.put("ac_current_a", v(52.1, "A"));
        e.put("ac_current_b", v(52.3, "A"));
        e.put("ac_current_c", v(51.9, "A"));
        e.put("power_a", v(12010.5, "W"));
        e.put("power_b", v(12050, "W"));
        e.put("power_c", v(11930.25, "W"));
        e.put("ac_power", v(35990.75, "W"));            // exporting: positive in the contract
        e.put("ac_apparent_power", v(36100, "VA"));
        e.put("ac_reactive_power", v(-1200.5, "var"));  // turned round with the active power
        e.put("power_factor", v(99.6, "%"));            // and so is the power factor
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("import_energy", v(1520500, "Wh"));
        e.put("export_energy", v(123456700, "Wh"));
        e.put("ac_voltage_ab", v(400.1, "V"));
        e.put("ac_voltage_bc", v(400.4, "V"));
        e.put("ac_voltage_ca", v(399.8, "V"));
        e.put("ac_current", v(156.3, "A"));
        Read got = read("eastron-sdm630", VendorImages.EASTRON_SDM630);
        assertThat(got.points()).containsExactlyEntriesOf(e);
        assertThat(got.nameplate().fields()).isEqualTo(Map.of(
                "manufacturer", "Eastron", "model", "SDM630", "serial", "23011234"));
    }

    @Test
    void aMeterThatRefusesItsSerialRegisterIsStillReadWithoutOne() throws Exception {
        RegisterImage old = VendorImages.eastronSdm630();
        old.holding().remove(0xFC00);
        old.holding().remove(0xFC01);
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, old));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            RegisterMapReader reader = new RegisterMapReader(RegisterMapLoader.loadShipped("eastron-sdm630"), 1, 125);
            assertThat(reader.identify(link).fields()).isEqualTo(Map.of(
                    "manufacturer", "Eastron", "model", "SDM630"));
            assertThat(reader.read(link).points()).containsEntry("ac_power", v(35990.75, "W"));
        }
    }

    @Test
    void everyShippedMapUsesCanonicalUnitsForCanonicalNames() {
        for (RegisterMap m : RegisterMaps.shipped()) {
            for (MapPoint p : m.points()) {
                CanonicalPoint.byName(p.name()).ifPresent(c -> assertThat(p.unit()).as(m.name() + " " + p.name())
                        .isEqualTo(c.unit()));
            }
        }
    }

    @Test
    void aHoleInAFilledGapSplitsThatRequestInsteadOfLosingTheBlock() throws Exception {
        RegisterImage img = VendorImages.huaweiSun2000().remove(32100); // inside the 32091..32105 gap
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, img));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            RegisterMapReader reader = new RegisterMapReader(RegisterMapLoader.loadShipped("huawei-sun2000"), 1, 125);
            DeviceReading r = reader.read(link);
            assertThat(r.points()).containsEntry("ac_energy", v(123456780, "Wh")).containsEntry("ac_power", v(36250, "W"))
                    .hasSize(37);
            assertThat(reader.requestCount()).isGreaterThan(3);
            long before = link.requests();
            reader.read(link);
            assertThat(link.requests() - before).as("the split is remembered").isEqualTo(reader.requestCount());
        }
    }
}
