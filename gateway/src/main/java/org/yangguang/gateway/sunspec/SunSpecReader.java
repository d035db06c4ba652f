package org.yangguang.gateway.sunspec;

import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.poll.DecodeFailure;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.poll.DeviceReading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a SunSpec device: discovers its model chain once (again after a decode failure, in case the device
 * was replaced or its firmware changed), then reads each telemetry model in the fewest requests its length
 * allows and maps it to contract points.
 */
public final class SunSpecReader implements DeviceReader {
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
    public DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure {
        if (layout == null) {
            layout = SunSpecDiscovery.discover(link, unit).orElseThrow(() -> new DecodeFailure(
                    "unit " + unit + " at " + link.describe() + " has no SunSpec map (no \"SunS\" at 40000, 0 or 50000)"));
            ModelBlock primary = layout.primary().orElse(null);
            if (primary == null) {
                DecodeFailure f = new DecodeFailure("unit " + unit + " SunSpec map has no inverter or meter model (models "
                        + layout.models().stream().map(m -> String.valueOf(m.id())).toList() + ")");
                layout = null;
                throw f;
            }
            model = "sunspec:" + primary.id();
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
