package org.yangguang.gateway.registermap;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.CanonicalPoint;
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

/** Golden register images of every shipped vendor map, read over a real Modbus TCP slave, decoded to exact values. */
class ShippedMapsTest {
    private static Map<String, PointValue> read(String map, RegisterImage image) throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, image));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            RegisterMapReader reader = new RegisterMapReader(RegisterMapLoader.loadShipped(map), 1, 125);
            DeviceReading r = reader.read(link);
            assertThat(link.requests()).as("one request per planned block").isEqualTo(reader.plan().size());
            return r.points();
        }
    }

    private static PointValue v(double value, String unit) {
        return new PointValue(value, unit, null);
    }

    private static PointValue t(double value, String text) {
        return new PointValue(value, "", text);
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
        Map<String, PointValue> got = read("huawei-sun2000", VendorImages.huaweiSun2000());
        assertThat(got).containsExactlyEntriesOf(e);
    }

    @Test
    void sungrowSg() throws Exception {
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("device_type_code", v(0x0E0F, ""));
        e.put("rated_power", v(50000, "W"));
        e.put("daily_energy", v(180500, "Wh"));
        e.put("ac_energy", v(123456000, "Wh"));
        e.put("running_hours", v(8760, "h"));
        e.put("temperature_cabinet", v(41.3, "Cel"));
        e.put("mppt1_voltage", v(612.3, "V"));
        e.put("mppt1_current", v(31.2, "A"));
        e.put("mppt2_voltage", v(610, "V"));
        e.put("mppt2_current", v(30.5, "A"));
        e.put("mppt3_voltage", v(0, "V"));
        e.put("mppt3_current", v(0, "A"));
        e.put("dc_power", v(37360, "W"));
        e.put("ac_voltage_ab", v(400, "V"));
        e.put("ac_voltage_bc", v(400.4, "V"));
        e.put("ac_voltage_ca", v(399.8, "V"));
        e.put("ac_current_a", v(17.4, "A"));
        e.put("ac_current_b", v(17.5, "A"));
        e.put("ac_current_c", v(17.4, "A"));
        e.put("ac_power", v(36250, "W"));
        e.put("ac_reactive_power", v(-1200, "var"));
        e.put("power_factor", v(99.6, "%"));
        e.put("ac_frequency", v(50, "Hz"));
        e.put("operating_state", t(0, "RUN"));
        e.put("fault_code", t(0, "NONE"));
        assertThat(read("sungrow-sg", VendorImages.sungrowSg())).containsExactlyEntriesOf(e);
    }

    @Test
    void eastronSdm630ThreePhaseMeter() throws Exception {
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_voltage_an", v(230.9, "V"));
        e.put("ac_voltage_bn", v(231.2, "V"));
        e.put("ac_voltage_cn", v(230.5, "V"));
        e.put("ac_current_a", v(52.1, "A"));
        e.put("ac_current_b", v(52.3, "A"));
        e.put("ac_current_c", v(51.9, "A"));
        e.put("power_a", v(-12010.5, "W"));
        e.put("power_b", v(-12050, "W"));
        e.put("power_c", v(-11930.25, "W"));
        e.put("ac_power", v(-35990.75, "W"));
        e.put("ac_apparent_power", v(36100, "VA"));
        e.put("ac_reactive_power", v(-2810.5, "var"));
        e.put("power_factor", v(99.6, "%"));
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("import_energy", v(1520500, "Wh"));
        e.put("export_energy", v(123456700, "Wh"));
        e.put("ac_voltage_ab", v(400.1, "V"));
        e.put("ac_voltage_bc", v(400.4, "V"));
        e.put("ac_voltage_ca", v(399.8, "V"));
        e.put("ac_current", v(156.3, "A"));
        assertThat(read("eastron-sdm630", VendorImages.eastronSdm630())).containsExactlyEntriesOf(e);
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
