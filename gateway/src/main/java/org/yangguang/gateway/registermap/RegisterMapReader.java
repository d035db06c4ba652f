package org.yangguang.gateway.registermap;

import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.poll.DecodeFailure;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.poll.DeviceReading;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a device with a vendor register map using the coalesced {@link ReadPlanner} requests. If a coalesced
 * request is refused with "illegal data address" (a register inside a filled gap that this firmware does not
 * have), that request is split into one request per point from then on, so one hole does not cost the
 * whole block.
 */
public final class RegisterMapReader implements DeviceReader {
    private static final int ILLEGAL_DATA_ADDRESS = 2;

    private final RegisterMap map;
    private final int unit;
    private List<ReadPlanner.Request> plan;
    private final Set<ReadPlanner.Request> split = new HashSet<>();

    public RegisterMapReader(RegisterMap map, int unit, int linkMaxRegisters) {
        this.map = map;
        this.unit = unit;
        this.plan = ReadPlanner.plan(map.points(), Math.min(map.maxRegisters(), linkMaxRegisters), map.maxGap());
    }

    public List<ReadPlanner.Request> plan() {
        return plan;
    }

    @Override
    public DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure {
        Map<String, PointValue> decoded = new LinkedHashMap<>();
        ModbusFailure firstRefusal = null;
        int answered = 0;
        for (ReadPlanner.Request r : plan) {
            List<ReadPlanner.Request> parts = split.contains(r)
                    ? ReadPlanner.plan(r.points(), 125, -1) : List.of(r);
            for (ReadPlanner.Request part : parts) {
                int[] regs;
                try {
                    regs = link.read(unit, part.functionCode(), part.address(), part.count());
                } catch (ModbusFailure e) {
                    if (e.isTimeout()) {
                        throw e;
                    }
                    if (e.exceptionCode() == ILLEGAL_DATA_ADDRESS && part.points().size() > 1 && !split.contains(r)) {
                        split.add(r);
                        return read(link);
                    }
                    if (firstRefusal == null) {
                        firstRefusal = e;
                    }
                    continue;
                }
                answered++;
                for (MapPoint p : part.points()) {
                    PointValue v = MapDecoder.decode(p, regs, p.address() - part.address());
                    if (v != null) {
                        decoded.put(p.name(), v);
                    }
                }
            }
        }
        if (answered == 0 && firstRefusal != null) {
            throw firstRefusal;
        }
        if (decoded.isEmpty()) {
            throw new DecodeFailure("unit " + unit + ": no point of map " + map.name() + " has a valid value");
        }
        // Publish in map order, whatever order the requests came back in.
        PointMap.Builder ordered = new PointMap.Builder();
        for (MapPoint p : map.points()) {
            PointValue v = decoded.get(p.name());
            if (v != null) {
                ordered.put(p.name(), v);
            }
        }
        return DeviceReading.ok(map.model(), ordered.build());
    }

    @Override
    public String model() {
        return map.model();
    }

    /** Requests a full read takes now (after any splits). */
    public int requestCount() {
        int n = 0;
        for (ReadPlanner.Request r : plan) {
            n += split.contains(r) ? ReadPlanner.plan(r.points(), 125, -1).size() : 1;
        }
        return n;
    }

}
