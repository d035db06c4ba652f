package org.yangguang.collector.device;

import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.DeviceNameplate;
import org.yangguang.contract.Nameplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices' nameplates and swaps in InfluxDB, retention policy {@code devices} (kept forever; docs/storage.md,
 * "Devices"): {@code device_nameplate} (tags station, device; fields gateway, kind, telemetry_model and one
 * {@code np_<key>} text per nameplate field; time = when the gateway first read it) and {@code device_swaps} (tags
 * station, device; fields old_serial, new_serial, old_model, new_model, gateway; time = the swap). Every method
 * blocks: callers run them on a worker.
 */
public final class DeviceRecords {
    static final String NAMEPLATE_PREFIX = "np_";

    private final TelemetryStore store;
    private final StorageSchema schema;

    public DeviceRecords(TelemetryStore store, StorageSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    /** A device's nameplate as stored, with the time it was first read. */
    public record Stored(String station, String device, long ts, String gateway, String kind, String telemetryModel,
                         Nameplate nameplate) {
    }

    public void write(DeviceNameplate n) throws StoreException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gateway", n.gateway());
        fields.put("kind", n.kind());
        fields.put("telemetry_model", n.model());
        n.nameplate().fields().forEach((k, v) -> fields.put(NAMEPLATE_PREFIX + k, v));
        store.write(StorageSchema.DEVICES, List.of(new Sample(StorageSchema.DEVICE_NAMEPLATE,
                Map.of("station", n.station(), "device", n.device()), fields, n.ts())));
    }

    public void write(Swap s) throws StoreException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("old_serial", s.oldSerial());
        fields.put("new_serial", s.newSerial());
        fields.put("old_model", s.oldModel() == null ? "" : s.oldModel());
        fields.put("new_model", s.newModel() == null ? "" : s.newModel());
        fields.put("gateway", s.gateway());
        store.write(StorageSchema.DEVICES, List.of(new Sample(StorageSchema.DEVICE_SWAPS,
                Map.of("station", s.station(), "device", s.device()), fields, s.ts())));
    }

    /** The device's nameplate in force at {@code ts} (the last one read at or before it), or null. */
    public Stored at(String station, String device, long ts) throws StoreException {
        List<Stored> rows = nameplates("station = '" + station + "' AND device = '" + device + "' AND time <= " + ts
                + "ms", " ORDER BY time DESC LIMIT 1");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every device's current nameplate at {@code station}, by device id. */
    public Map<String, Stored> current(String station) throws StoreException {
        Map<String, Stored> out = new LinkedHashMap<>();
        for (Stored s : nameplates("station = '" + station + "'", " ORDER BY time DESC LIMIT 1")) {
            out.put(s.device(), s);
        }
        return out;
    }

    private List<Stored> nameplates(String where, String tail) throws StoreException {
        List<Stored> out = new ArrayList<>();
        for (Series s : store.query("SELECT * FROM " + schema.devices(StorageSchema.DEVICE_NAMEPLATE) + " WHERE "
                + where + " GROUP BY station, device" + tail)) {
            for (List<Object> row : s.values()) {
                Map<String, String> np = new LinkedHashMap<>();
                for (int c = 1; c < s.columns().size(); c++) {
                    String col = s.columns().get(c);
                    Object v = row.get(c);
                    if (col.startsWith(NAMEPLATE_PREFIX) && v != null) {
                        np.put(col.substring(NAMEPLATE_PREFIX.length()), String.valueOf(v));
                    }
                }
                out.add(new Stored(s.tags().get("station"), s.tags().get("device"), ((Number) row.get(0)).longValue(),
                        text(s, row, "gateway"), text(s, row, "kind"), text(s, row, "telemetry_model"),
                        Nameplate.of(np)));
            }
        }
        return out;
    }

    /** Swaps at {@code stations} with {@code from <= ts < to}, oldest first. */
    public List<Swap> swaps(Collection<String> stations, long from, long to) throws StoreException {
        return swaps(StorageSchema.stationFilter(stations) + " AND ", from, to);
    }

    /** Swaps at every station with {@code from <= ts < to}, oldest first. */
    public List<Swap> allSwaps(long from, long to) throws StoreException {
        return swaps("", from, to);
    }

    private List<Swap> swaps(String stations, long from, long to) throws StoreException {
        List<Swap> out = new ArrayList<>();
        for (Series s : store.query("SELECT old_serial, new_serial, old_model, new_model, gateway FROM "
                + schema.devices(StorageSchema.DEVICE_SWAPS) + " WHERE " + stations + "time >= "
                + from + "ms AND time < " + to + "ms GROUP BY station, device")) {
            for (List<Object> row : s.values()) {
                out.add(new Swap(s.tags().get("station"), s.tags().get("device"), ((Number) row.get(0)).longValue(),
                        text(s, row, "old_serial"), text(s, row, "new_serial"), emptyToNull(text(s, row, "old_model")),
                        emptyToNull(text(s, row, "new_model")), text(s, row, "gateway")));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Swap::ts));
        return out;
    }

    /** Swap times by "station/device", for the energy rule. */
    public Map<String, List<Long>> swapTimes(Collection<String> stations, long from, long to) throws StoreException {
        Map<String, List<Long>> out = new HashMap<>();
        for (Swap s : swaps(stations, from, to)) {
            out.computeIfAbsent(s.station() + "/" + s.device(), k -> new ArrayList<>()).add(s.ts());
        }
        return out;
    }

    private static String text(Series s, List<Object> row, String column) {
        int c = s.column(column);
        return c < 0 || row.get(c) == null ? null : String.valueOf(row.get(c));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
