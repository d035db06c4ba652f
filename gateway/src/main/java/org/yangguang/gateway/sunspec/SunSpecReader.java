package org.yangguang.gateway.sunspec;

import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.poll.DecodeFailure;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.poll.DeviceReading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SunSpec device: identification discovers its model chain and reads its nameplate (model 1), then each
 * poll reads the telemetry models in the fewest requests their length allows and maps them to contract points.
 * A decode failure forgets the chain, so the next poll discovers it again (the device may have been replaced or its
 * firmware changed).
 */
public final class SunSpecReader implements DeviceReader {
    /** Model 1 point → nameplate field (SunSpec Information Model Reference, "Common"). */
    private static final Map<String, String> COMMON = Map.of("Mn", Nameplate.MANUFACTURER, "Md", Nameplate.MODEL,
            "Opt", Nameplate.OPTIONS, "Vr", Nameplate.VERSION, "SN", Nameplate.SERIAL);

    private final int unit;
    private final int maxRegisters;
    private SunSpecLayout layout;
    /** The telemetry models of {@link #layout}, compiled once per discovery. */
    private List<CompiledModel> compiled;
    private String model = "sunspec";

    public SunSpecReader(int unit, int maxRegisters) {
        this.unit = unit;
        this.maxRegisters = maxRegisters;
    }

    @Override
    public Nameplate identify(ModbusLink link) throws ModbusFailure, DecodeFailure {
        layout = null;
        compiled = null;
        SunSpecLayout found = SunSpecDiscovery.discover(link, unit).orElseThrow(() -> new DecodeFailure(
                "unit " + unit + " at " + link.describe() + " has no SunSpec map (no \"SunS\" at 40000, 0 or 50000)"));
        ModelBlock primary = found.primary().orElseThrow(() -> new DecodeFailure("unit " + unit
                + " SunSpec map has no inverter or meter model (models "
                + found.models().stream().map(m -> String.valueOf(m.id())).toList() + ")"));
        Nameplate nameplate = nameplate(link, unit, found, maxRegisters);
        model = "sunspec:" + primary.id();
        layout = found;
        return nameplate;
    }

    /** Model 1's Mn, Md, Opt, Vr and SN as a nameplate (empty when the device has no model 1). */
    public static Nameplate nameplate(ModbusLink link, int unit, SunSpecLayout layout, int maxRegisters)
            throws ModbusFailure {
        ModelBlock common = layout.model(1).orElse(null);
        ModelDef def = ModelDef.of(1).orElseThrow();
        if (common == null) {
            return Nameplate.empty();
        }
        DecodedModel d = ModelDecoder.decode(def, readBlock(link, unit, def, common, maxRegisters), COMMON.keySet());
        Map<String, String> fields = new LinkedHashMap<>();
        for (String point : List.of("Mn", "Md", "Opt", "Vr", "SN")) {
            SunSpecValue v = d.points().get(point);
            String text = v == null ? null : Nameplate.clean(v.text());
            if (text != null) {
                fields.put(COMMON.get(point), text);
            }
        }
        return Nameplate.of(fields);
    }

    @Override
    public DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure {
        if (layout == null) {
            identify(link);
        }
        try {
            return DeviceReading.ok(model, readPoints(link, layout));
        } catch (DecodeFailure e) {
            layout = null;
            compiled = null;
            throw e;
        }
    }

    private Map<String, PointValue> readPoints(ModbusLink link, SunSpecLayout l) throws ModbusFailure, DecodeFailure {
        if (compiled == null) {
            compiled = new ArrayList<>();
            for (ModelBlock block : l.models()) {
                if (CanonicalMapping.isTelemetryModel(block.id())) {
                    ModelDef.of(block.id()).ifPresent(def -> compiled.add(CompiledModel.of(def, block)));
                }
            }
        }
        PointMap.Builder points = new PointMap.Builder();
        List<String> problems = new ArrayList<>();
        for (CompiledModel m : compiled) {
            m.addPoints(readBlock(link, unit, m.def(), m.block(), maxRegisters), points, problems);
        }
        if (points.isEmpty()) {
            throw new DecodeFailure("unit " + unit + " decoded no points" + (problems.isEmpty() ? "" : ": " + problems));
        }
        return points.build();
    }

    /** Registers of a whole model block, read with {@link ModelReadPlan}. */
    public static int[] readBlock(ModbusLink link, int unit, ModelDef def, ModelBlock block, int maxRegisters)
            throws ModbusFailure {
        int[] regs = new int[block.totalRegisters()];
        for (ModelReadPlan.Span s : ModelReadPlan.plan(def, block.totalRegisters(), maxRegisters)) {
            int[] part = link.readHolding(unit, block.address() + s.offset(), s.count());
            System.arraycopy(part, 0, regs, s.offset(), s.count());
        }
        return regs;
    }

    @Override
    public String model() {
        return model;
    }
}
