package org.yangguang.gateway.sunspec;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.modbus.J2modLink;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.poll.DeviceHealth;
import org.yangguang.gateway.poll.DevicePoller;
import org.yangguang.gateway.poll.DeviceReading;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.RegisterImage;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yangguang.gateway.testing.SunSpecImages.f;

/** Golden SunSpec register images per model, read over a real slave through discovery, decoded to exact values. */
class SunSpecModelsTest {
    private static Map<String, Long> m(Object... kv) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return out;
    }

    private static long s16(int v) {
        return v & 0xFFFF;
    }

    private static DeviceReading read(RegisterImage img) throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, img));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            DevicePoller p = new DevicePoller(DeviceConfig.sunspec("inv-01", 1, "inverter"), new SunSpecReader(1, 125),
                    DeviceHealth.defaults(new MutableClock(Instant.EPOCH), Duration.ofSeconds(5)), new MutableClock(Instant.EPOCH));
            return p.poll(link);
        }
    }

    private static RegisterImage withCommon(int base) {
        RegisterImage img = new RegisterImage().u16(base, 0x5375).u16(base + 1, 0x6E53);
        SunSpecImages.common(img, base + 2, "Yangguang", "YG-10K", "1.0", "SN-9");
        return img;
    }

    private static PointValue v(double value, String unit) {
        return new PointValue(value, unit, null);
    }

    @Test
    void model101SinglePhaseWithScaleFactorsAndUnimplementedPhases() throws Exception {
        RegisterImage img = withCommon(40000);
        int end = SunSpecImages.model(img, 40070, 101, m("A", 100L, "AphA", 100L, "A_SF", s16(-1),
                "PhVphA", 2301L, "V_SF", s16(-1), "W", 2300L, "W_SF", 0L, "Hz", 5000L, "Hz_SF", s16(-2),
                "WH", 5_000_000L, "WH_SF", 0L, "St", 4L), 0, List.of());
        SunSpecImages.end(img, end);
        DeviceReading r = read(img);
        assertThat(r.model()).isEqualTo("sunspec:101");
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_current", v(10, "A"));
        e.put("ac_current_a", v(10, "A"));
        e.put("ac_voltage_an", v(230.1, "V"));
        e.put("ac_power", v(2300, "W"));
        e.put("ac_frequency", v(50, "Hz"));
        e.put("ac_energy", v(5_000_000, "Wh"));
        e.put("operating_state", new PointValue(4, "", "MPPT"));
        assertThat(r.points()).containsExactlyEntriesOf(e);
    }

    @Test
    void model102SplitPhase() throws Exception {
        RegisterImage img = withCommon(40000);
        SunSpecImages.end(img, SunSpecImages.model(img, 40070, 102, m("A", 200, "AphA", 100, "AphB", 100, "A_SF", s16(-1),
                "PPVphAB", 2400, "PhVphA", 1200, "PhVphB", 1201, "V_SF", s16(-1), "W", 4800, "W_SF", 0,
                "Hz", 6000, "Hz_SF", s16(-2), "WH", 77_000, "WH_SF", 1, "St", 8), 0, List.of()));
        DeviceReading r = read(img);
        assertThat(r.model()).isEqualTo("sunspec:102");
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_current", v(20, "A"));
        e.put("ac_current_a", v(10, "A"));
        e.put("ac_current_b", v(10, "A"));
        e.put("ac_voltage_ab", v(240, "V"));
        e.put("ac_voltage_an", v(120, "V"));
        e.put("ac_voltage_bn", v(120.1, "V"));
        e.put("ac_power", v(4800, "W"));
        e.put("ac_frequency", v(60, "Hz"));
        e.put("ac_energy", v(770_000, "Wh"));
        e.put("operating_state", new PointValue(8, "", "STANDBY"));
        assertThat(r.points()).containsExactlyEntriesOf(e);
    }

    @Test
    void models111And112FloatsSinglePhaseAndSplitPhase() throws Exception {
        for (int id : List.of(111, 112)) {
            RegisterImage img = withCommon(40000);
            SunSpecImages.end(img, SunSpecImages.model(img, 40070, id, m("A", f(10.5f), "AphA", f(10.5f),
                    "PhVphA", f(230.1f), "W", f(2415.5f), "Hz", f(49.98f), "WH", f(98765f), "TmpCab", f(35.5f), "St", 4),
                    0, List.of()));
            DeviceReading r = read(img);
            assertThat(r.model()).isEqualTo("sunspec:" + id);
            Map<String, PointValue> e = new LinkedHashMap<>();
            e.put("ac_current", v(10.5, "A"));
            e.put("ac_current_a", v(10.5, "A"));
            e.put("ac_voltage_an", v(230.1, "V"));
            e.put("ac_power", v(2415.5, "W"));
            e.put("ac_frequency", v(49.98, "Hz"));
            e.put("ac_energy", v(98_765, "Wh"));
            e.put("temperature_cabinet", v(35.5, "Cel"));
            e.put("operating_state", new PointValue(4, "", "MPPT"));
            assertThat(r.points()).as("model %d", id).containsExactlyEntriesOf(e);
        }
    }

    @Test
    void model203ThreePhaseMeter() throws Exception {
        RegisterImage img = withCommon(40000);
        SunSpecImages.end(img, SunSpecImages.model(img, 40070, 203, m("A", 1563, "A_SF", s16(-1), "PhVphA", 2309,
                "PhVphAB", 4001, "V_SF", s16(-1), "Hz", 5001, "Hz_SF", s16(-2), "W", 3599, "W_SF", 1,
                "TotWhExp", 123_456_7L, "TotWhImp", 15_205L, "TotWh_SF", 2, "Evt", 0), 0, List.of()));
        DeviceReading r = read(img);
        assertThat(r.model()).isEqualTo("sunspec:203");
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_current", v(156.3, "A"));
        e.put("ac_voltage_ab", v(400.1, "V"));
        e.put("ac_voltage_an", v(230.9, "V"));
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("ac_power", v(35990, "W"));
        e.put("export_energy", v(123_456_700, "Wh"));
        e.put("import_energy", v(1_520_500, "Wh"));
        e.put("events", v(0, ""));
        assertThat(r.points()).containsExactlyEntriesOf(e);
    }

    @Test
    void model113FloatsWithNanAsNotImplemented() throws Exception {
        RegisterImage img = withCommon(0);
        int end = SunSpecImages.model(img, 70, 113, Map.of("A", f(52.3f), "W", f(36250f), "Hz", f(50.01f),
                "PF", f(99.6f), "WH", f(1.2345678E7f), "DCV", f(392.5f), "St", 7L, "Evt1", (1L | 1L << 7)), 0, List.of());
        SunSpecImages.end(img, end);
        DeviceReading r = read(img);
        assertThat(r.model()).isEqualTo("sunspec:113");
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_current", v(52.3, "A"));
        e.put("ac_power", v(36250, "W"));
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("power_factor", v(99.6, "%"));
        e.put("ac_energy", v(12_345_678, "Wh"));
        e.put("dc_voltage", v(392.5, "V"));
        e.put("operating_state", new PointValue(7, "", "FAULT"));
        e.put("events", new PointValue(129, "", "GROUND_FAULT|OVER_TEMP"));
        assertThat(r.points()).containsExactlyEntriesOf(e);
    }

    @Test
    void model160PerMpptStringsNextToModel103() throws Exception {
        RegisterImage img = SunSpecImages.golden103(40000);
        // golden103 ends at 40122; put 160 there instead of the end marker.
        int end = SunSpecImages.model(img, 40122, 160, Map.of("DCA_SF", s16(-2), "DCV_SF", s16(-1), "DCW_SF", 0L,
                "DCWH_SF", 0L, "N", 2L), 2, List.of(
                Map.of("ID", 1L, "DCA", 912L, "DCV", 6123L, "DCW", 5585L, "DCWH", 1_000_000L, "Tmp", 45L, "DCSt", 4L, "DCEvt", 0L),
                Map.of("ID", 2L, "DCV", 6100L, "DCSt", 7L, "DCEvt", 1L << 7)));
        SunSpecImages.end(img, end);
        DeviceReading r = read(img);
        assertThat(r.status()).isEqualTo(DeviceStatus.OK);
        assertThat(r.model()).isEqualTo("sunspec:103");
        assertThat(r.points()).containsEntry("ac_power", v(36250, "W"));
        Map<String, PointValue> mppt = new LinkedHashMap<>();
        r.points().forEach((k, val) -> {
            if (k.startsWith("mppt")) {
                mppt.put(k, val);
            }
        });
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("mppt1_dc_current", v(9.12, "A"));
        e.put("mppt1_dc_voltage", v(612.3, "V"));
        e.put("mppt1_dc_power", v(5585, "W"));
        e.put("mppt1_dc_energy", v(1_000_000, "Wh"));
        e.put("mppt1_temperature", v(45, "Cel"));
        e.put("mppt1_state", new PointValue(4, "", "MPPT"));
        e.put("mppt1_events", v(0, ""));
        e.put("mppt2_dc_voltage", v(610, "V"));
        e.put("mppt2_state", new PointValue(7, "", "FAULT"));
        e.put("mppt2_events", new PointValue(128, "", "OVER_TEMP"));
        assertThat(mppt).containsExactlyEntriesOf(e);
    }

    @Test
    void model701DerMeasurementReadInTwoRequestsWithUint64Energy() throws Exception {
        RegisterImage img = withCommon(50000);
        int end = SunSpecImages.model(img, 50070, 701, m("W", 3625L, "W_SF", 1L, "PF", 996L, "PF_SF", s16(-3),
                "Hz", 50_010L, "Hz_SF", s16(-3), "TotWhInj", 123_456_789_012L, "TotWh_SF", 0L, "InvSt", 3L, "Alrm", 0L,
                "VL1L2", 4001L, "V_SF", s16(-1), "TmpCab", 413L, "Tmp_SF", s16(-1)), 0, List.of());
        SunSpecImages.end(img, end);
        DeviceReading r = read(img);
        assertThat(r.model()).isEqualTo("sunspec:701");
        Map<String, PointValue> e = new LinkedHashMap<>();
        e.put("ac_voltage_ab", v(400.1, "V"));
        e.put("ac_power", v(36250, "W"));
        e.put("ac_frequency", v(50.01, "Hz"));
        e.put("power_factor", v(99.6, "%"));
        e.put("ac_energy", v(123_456_789_012L, "Wh"));
        e.put("temperature_cabinet", v(41.3, "Cel"));
        e.put("operating_state", new PointValue(3, "", "RUNNING")); // 701 numbers its states from 0 (OFF)
        e.put("events", v(0, ""));
        assertThat(r.points()).containsExactlyEntriesOf(e);
        assertThat(ModelReadPlan.plan(ModelDef.of(701).orElseThrow(), 155, 125)).hasSize(2);
    }

    @Test
    void unimplementedScaleFactorDropsOnlyItsValues() throws Exception {
        RegisterImage img = SunSpecImages.golden103(40000).s16(40070 + 15, 0x8000); // W_SF not implemented
        DeviceReading r = read(img);
        assertThat(r.points()).doesNotContainKey("ac_power").containsEntry("ac_apparent_power", v(36400, "VA"));
    }

    @Test
    void deviceWithoutEndMarkerOrWithZerosAfterTheLastModelIsStillRead() throws Exception {
        RegisterImage noEnd = SunSpecImages.golden103(40000).remove(40122).remove(40123);
        assertThat(read(noEnd).points()).containsEntry("ac_power", v(36250, "W"));
        RegisterImage zeros = SunSpecImages.golden103(40000).u16(40122, 0).u16(40123, 0);
        assertThat(read(zeros).points()).containsEntry("ac_power", v(36250, "W"));
    }

    @Test
    void deviceWithoutSunSpecIsADecodeError() throws Exception {
        RegisterImage img = new RegisterImage().zeros(40000, 10).zeros(0, 10).zeros(50000, 10);
        DeviceReading r = read(img);
        assertThat(r.status()).isEqualTo(DeviceStatus.DECODE_ERROR);
        assertThat(r.error()).contains("has no SunSpec map");
    }

    @Test
    void scaleFactorChangedByTheDeviceIsAlwaysReadWithItsValue() throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             J2modLink link = J2modLink.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS)) {
            SunSpecReader reader = new SunSpecReader(1, 125);
            assertThat(reader.read(link).points().get("ac_power").value()).isEqualTo(36250);
            // Fronius/SolarEdge change W_SF at runtime: W 36251 W with W_SF 0.
            slave.set(1, 40070 + 14, 36251 & 0xFFFF);
            slave.set(1, 40070 + 15, 0);
            assertThat(reader.read(link).points().get("ac_power").value()).isEqualTo((double) (short) 36251);
            slave.set(1, 40070 + 14, 30000);
            assertThat(reader.read(link).points().get("ac_power").value()).isEqualTo(30000);
        }
    }

    @Test
    void readPlansKeepEveryValueWithItsScaleFactorAndNeverSplitAPoint() {
        for (int id : List.of(101, 102, 103, 111, 112, 113, 160, 201, 203, 701)) {
            ModelDef def = ModelDef.of(id).orElseThrow();
            for (int max : List.of(125, 64, 40)) {
                List<ModelReadPlan.Span> spans = ModelReadPlan.plan(def, def.fixedSize(), max);
                assertThat(spans).allSatisfy(s -> assertThat(s.count()).isLessThanOrEqualTo(max));
                int covered = spans.stream().mapToInt(ModelReadPlan.Span::count).sum();
                assertThat(covered).as("model %d max %d", id, max).isEqualTo(def.fixedSize());
                for (PointDef p : def.fixed()) {
                    ModelReadPlan.Span in = spans.stream().filter(s -> s.offset() <= p.offset()
                            && p.offset() + p.size() <= s.offset() + s.count()).findFirst().orElse(null);
                    assertThat(in).as("model %d max %d point %s not split", id, max, p.name()).isNotNull();
                    def.point(p.sf() == null ? "" : p.sf()).ifPresent(sf -> {
                        if (Math.max(p.offset() + p.size(), sf.offset() + 1) - Math.min(p.offset(), sf.offset()) <= max) {
                            assertThat(sf.offset()).as("model %d max %d: %s with %s", id, max, p.name(), sf.name())
                                    .isBetween(in.offset(), in.offset() + in.count() - 1);
                        }
                    });
                }
            }
            assertThat(ModelReadPlan.plan(def, def.fixedSize(), 125)).as("model %d fewest requests", id)
                    .hasSize((def.fixedSize() + 124) / 125);
        }
    }
}
