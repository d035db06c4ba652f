package org.yangguang.gateway.registermap;

import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.poll.DecodeFailure;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.poll.DeviceReading;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a device with a vendor register map. Identification reads the map's nameplate registers and chooses the
 * points the device is read for (the base points and the {@link Variant}s its nameplate matches); each poll then
 * reads those with the coalesced {@link ReadPlanner} requests. If a coalesced request is refused with "illegal data
 * address" (a register inside a filled gap that this firmware does not have), that request is split into one
 * request per point from then on, so one hole does not cost the whole block.
 */
public final class RegisterMapReader implements DeviceReader {
    private static final int ILLEGAL_DATA_ADDRESS = 2;

    private final RegisterMap map;
    private final int unit;
    private final int maxRegisters;
    private MapIdentity identity;
    private List<MapPoint> points;
    private List<ReadPlanner.Request> plan;
    private final Set<ReadPlanner.Request> split = new HashSet<>();

    public RegisterMapReader(RegisterMap map, int unit, int linkMaxRegisters) {
        this.map = map;
        this.unit = unit;
        this.maxRegisters = Math.min(map.maxRegisters(), linkMaxRegisters);
        choose(MapIdentity.NONE);
    }

    public List<ReadPlanner.Request> plan() {
        return plan;
    }

    /** What the last identification read, or null before the first. */
    public MapIdentity identity() {
        return identity;
    }

    /**
     * Reads the nameplate registers (a field the device refuses is left out; a device that does not answer at all
     * is a timeout) and chooses the points every poll reads from now on.
     */
    @Override
    public Nameplate identify(ModbusLink link) throws ModbusFailure {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Long> raw = new HashMap<>();
        Map<String, String> read = new HashMap<>();
        List<MapPoint> registers = map.nameplatePoints();
        for (ReadPlanner.Request r : ReadPlanner.plan(registers, maxRegisters, map.maxGap())) {
            readNameplate(link, r, read, raw);
        }
        for (NameplateField f : map.nameplate()) {
            String text = f.isRead() ? read.get(f.name()) : f.text();
            if (text != null) {
                texts.put(f.name(), text);
            }
        }
        MapIdentity id = new MapIdentity(Nameplate.of(texts), raw);
        choose(id);
        identity = id;
        return id.nameplate();
    }

    private void readNameplate(ModbusLink link, ReadPlanner.Request r, Map<String, String> texts, Map<String, Long> raw)
            throws ModbusFailure {
        int[] regs;
        try {
            regs = link.read(unit, r.functionCode(), r.address(), r.count());
        } catch (ModbusFailure e) {
            if (e.isTimeout()) {
                throw e;
            }
            if (r.points().size() > 1) {
                // one field this firmware lacks (an exception for its registers) must not cost the others
                for (ReadPlanner.Request one : ReadPlanner.plan(r.points(), 125, -1)) {
                    readNameplate(link, one, texts, raw);
                }
            }
            return;
        }
        for (MapPoint p : r.points()) {
            String name = p.name();
            String text = MapDecoder.nameplateText(p, regs, p.address() - r.address());
            if (text != null) {
                texts.put(name, text);
                if (p.type() != ValueType.STRING) {
                    raw.put(name, MapDecoder.raw(p, regs, p.address() - r.address()));
                }
            }
        }
    }

    private void choose(MapIdentity id) {
        List<MapPoint> chosen = map.points(id);
        if (!chosen.equals(points)) {
            points = chosen;
            plan = ReadPlanner.plan(chosen, maxRegisters, map.maxGap());
            split.clear();
        }
    }

    @Override
    public DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure {
        if (identity == null) {
            identify(link);
        }
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
        for (MapPoint p : points) {
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
