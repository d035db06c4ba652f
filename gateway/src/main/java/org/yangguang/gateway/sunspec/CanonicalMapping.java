package org.yangguang.gateway.sunspec;

import org.yangguang.contract.PointValue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which SunSpec point becomes which contract point (docs/mqtt-contract.md, "Canonical points"), per model.
 * Points not listed here are not published: operators asked for the canonical set plus a few extras, not
 * every register of every model.
 */
public final class CanonicalMapping {
    /** Inverter models, most specific first: when a device offers several, the first one found names it. */
    public static final List<Integer> INVERTER_MODELS = List.of(103, 102, 101, 113, 112, 111, 701);
    public static final List<Integer> METER_MODELS = List.of(203, 204, 202, 201);
    public static final Set<Integer> MPPT_MODELS = Set.of(160);

    record Target(String name, String unit, int pow10) {
    }

    private static final Map<String, Target> INVERTER = new LinkedHashMap<>();
    private static final Map<String, Target> DER_AC = new LinkedHashMap<>();
    private static final Map<String, Target> METER = new LinkedHashMap<>();
    private static final Map<String, Target> MPPT = new LinkedHashMap<>();

    static {
        // Models 101-103 (integer + scale factor) and 111-113 (float32) share point names.
        t(INVERTER, "A", "ac_current", "A");
        t(INVERTER, "AphA", "ac_current_a", "A");
        t(INVERTER, "AphB", "ac_current_b", "A");
        t(INVERTER, "AphC", "ac_current_c", "A");
        t(INVERTER, "PPVphAB", "ac_voltage_ab", "V");
        t(INVERTER, "PPVphBC", "ac_voltage_bc", "V");
        t(INVERTER, "PPVphCA", "ac_voltage_ca", "V");
        t(INVERTER, "PhVphA", "ac_voltage_an", "V");
        t(INVERTER, "PhVphB", "ac_voltage_bn", "V");
        t(INVERTER, "PhVphC", "ac_voltage_cn", "V");
        t(INVERTER, "W", "ac_power", "W");
        t(INVERTER, "Hz", "ac_frequency", "Hz");
        t(INVERTER, "VA", "ac_apparent_power", "VA");
        t(INVERTER, "VAr", "ac_reactive_power", "var");
        t(INVERTER, "PF", "power_factor", "%");
        t(INVERTER, "WH", "ac_energy", "Wh");
        t(INVERTER, "DCA", "dc_current", "A");
        t(INVERTER, "DCV", "dc_voltage", "V");
        t(INVERTER, "DCW", "dc_power", "W");
        t(INVERTER, "TmpCab", "temperature_cabinet", "Cel");
        t(INVERTER, "TmpSnk", "temperature_heatsink", "Cel");
        t(INVERTER, "TmpTrns", "temperature_transformer", "Cel");
        t(INVERTER, "TmpOt", "temperature_other", "Cel");
        t(INVERTER, "St", "operating_state", "");
        t(INVERTER, "StVnd", "vendor_state", "");
        t(INVERTER, "Evt1", "events", "");
        t(INVERTER, "EvtVnd1", "vendor_events", "");

        // Model 701 (IEEE 1547-2018 DER): PF is a fraction (-1..1), the contract carries cos phi x 100.
        t(DER_AC, "A", "ac_current", "A");
        t(DER_AC, "AL1", "ac_current_a", "A");
        t(DER_AC, "AL2", "ac_current_b", "A");
        t(DER_AC, "AL3", "ac_current_c", "A");
        t(DER_AC, "VL1L2", "ac_voltage_ab", "V");
        t(DER_AC, "VL2L3", "ac_voltage_bc", "V");
        t(DER_AC, "VL3L1", "ac_voltage_ca", "V");
        t(DER_AC, "VL1", "ac_voltage_an", "V");
        t(DER_AC, "VL2", "ac_voltage_bn", "V");
        t(DER_AC, "VL3", "ac_voltage_cn", "V");
        t(DER_AC, "W", "ac_power", "W");
        t(DER_AC, "Hz", "ac_frequency", "Hz");
        t(DER_AC, "VA", "ac_apparent_power", "VA");
        t(DER_AC, "Var", "ac_reactive_power", "var");
        DER_AC.put("PF", new Target("power_factor", "%", 2));
        t(DER_AC, "TotWhInj", "ac_energy", "Wh");
        t(DER_AC, "TotWhAbs", "ac_energy_absorbed", "Wh");
        t(DER_AC, "TmpCab", "temperature_cabinet", "Cel");
        t(DER_AC, "TmpSnk", "temperature_heatsink", "Cel");
        t(DER_AC, "TmpAmb", "temperature_ambient", "Cel");
        t(DER_AC, "InvSt", "operating_state", "");
        t(DER_AC, "Alrm", "events", "");

        // Meters 201-204. Model 203 spells the line voltages PhVphAB, 201/202/204 PPVphAB.
        t(METER, "A", "ac_current", "A");
        t(METER, "AphA", "ac_current_a", "A");
        t(METER, "AphB", "ac_current_b", "A");
        t(METER, "AphC", "ac_current_c", "A");
        t(METER, "PPVphAB", "ac_voltage_ab", "V");
        t(METER, "PPVphBC", "ac_voltage_bc", "V");
        t(METER, "PPVphCA", "ac_voltage_ca", "V");
        t(METER, "PhVphAB", "ac_voltage_ab", "V");
        t(METER, "PhVphBC", "ac_voltage_bc", "V");
        t(METER, "PhVphCA", "ac_voltage_ca", "V");
        t(METER, "PhVphA", "ac_voltage_an", "V");
        t(METER, "PhVphB", "ac_voltage_bn", "V");
        t(METER, "PhVphC", "ac_voltage_cn", "V");
        t(METER, "Hz", "ac_frequency", "Hz");
        t(METER, "W", "ac_power", "W");
        t(METER, "VA", "ac_apparent_power", "VA");
        t(METER, "VAR", "ac_reactive_power", "var");
        t(METER, "PF", "power_factor", "%");
        t(METER, "TotWhExp", "export_energy", "Wh");
        t(METER, "TotWhImp", "import_energy", "Wh");
        t(METER, "Evt", "events", "");

        // Model 160 repeating "module" group: one set per MPPT input, numbered from 1.
        t(MPPT, "DCA", "dc_current", "A");
        t(MPPT, "DCV", "dc_voltage", "V");
        t(MPPT, "DCW", "dc_power", "W");
        t(MPPT, "DCWH", "dc_energy", "Wh");
        t(MPPT, "Tmp", "temperature", "Cel");
        t(MPPT, "DCSt", "state", "");
        t(MPPT, "DCEvt", "events", "");
    }

    private CanonicalMapping() {
    }

    private static void t(Map<String, Target> m, String sunspec, String name, String unit) {
        m.put(sunspec, new Target(name, unit, 0));
    }

    /** SunSpec name → contract point for the fixed block of model {@code id}; null for models without one. */
    static Map<String, Target> table(int id) {
        return INVERTER_MODELS.contains(id) ? (id == 701 ? DER_AC : INVERTER) : METER_MODELS.contains(id) ? METER : null;
    }

    /** The same for each repetition of model 160's "module" group. */
    static Map<String, Target> mpptTable() {
        return MPPT;
    }

    /** Adds the contract points of one decoded model to {@code out}; names already present are kept. */
    public static void addPoints(DecodedModel model, Map<String, PointValue> out) {
        int id = model.modelId();
        Map<String, Target> table = table(id);
        if (table != null) {
            put(table, model.points(), "", out);
        }
        if (MPPT_MODELS.contains(id)) {
            for (int i = 0; i < model.repeats().size(); i++) {
                put(MPPT, model.repeats().get(i), "mppt" + (i + 1) + "_", out);
            }
        }
    }

    private static void put(Map<String, Target> table, Map<String, SunSpecValue> points, String prefix,
                            Map<String, PointValue> out) {
        for (Map.Entry<String, Target> e : table.entrySet()) {
            SunSpecValue v = points.get(e.getKey());
            if (v == null || v.number() == null) {
                continue;
            }
            Target t = e.getValue();
            BigDecimal n = v.number().scaleByPowerOfTen(t.pow10());
            out.putIfAbsent(prefix + t.name(), new PointValue(n.doubleValue(), t.unit(), v.text()));
        }
    }

    /** SunSpec point names a poll of model {@code id} needs (what it publishes, plus ID to check the block). */
    public static Set<String> wanted(int id) {
        return WANTED.computeIfAbsent(id, CanonicalMapping::computeWanted);
    }

    private static final Map<Integer, Set<String>> WANTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> computeWanted(int id) {
        Set<String> names = new java.util.HashSet<>(Set.of("ID"));
        if (INVERTER_MODELS.contains(id)) {
            names.addAll(id == 701 ? DER_AC.keySet() : INVERTER.keySet());
        }
        if (METER_MODELS.contains(id)) {
            names.addAll(METER.keySet());
        }
        if (MPPT_MODELS.contains(id)) {
            names.addAll(MPPT.keySet());
        }
        return Set.copyOf(names);
    }

    public static boolean isTelemetryModel(int id) {
        return INVERTER_MODELS.contains(id) || METER_MODELS.contains(id) || MPPT_MODELS.contains(id);
    }
}
