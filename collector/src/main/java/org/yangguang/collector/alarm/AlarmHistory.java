package org.yangguang.collector.alarm;

import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alarms as stored: the active ones (last event raised) and the history. Blocking: run on a worker. */
public final class AlarmHistory {
    public record Row(long ts, String station, String device, String type, String state, String severity, String detail) {
    }

    private final TelemetryStore store;
    private final StorageSchema schema;

    public AlarmHistory(TelemetryStore store, StorageSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    public List<Row> active(String station) throws StoreException {
        List<Row> out = new ArrayList<>();
        // The newest event of each series, as a row: several last() in one query would report time 0, and the
        // raise time is what tells a re-raised alarm from one already acknowledged.
        for (Series s : store.query("SELECT state, severity, detail FROM "
                + schema.raw(StorageSchema.ALARMS) + (station == null ? "" : " WHERE station = '" + station + "'")
                + " GROUP BY station, device, type ORDER BY time DESC LIMIT 1")) {
            for (List<Object> r : s.values()) {
                if ("raised".equals(r.get(s.column("state")))) {
                    out.add(row(s.tags(), s, r));
                }
            }
        }
        return out;
    }

    public List<Row> history(String station, long fromMs) throws StoreException {
        List<Row> out = new ArrayList<>();
        for (Series s : store.query("SELECT state, severity, detail FROM " + schema.raw(StorageSchema.ALARMS)
                + " WHERE time >= " + fromMs + "ms" + (station == null ? "" : " AND station = '" + station + "'")
                + " GROUP BY station, device, type")) {
            for (List<Object> r : s.values()) {
                out.add(row(s.tags(), s, r));
            }
        }
        out.sort((a, b) -> Long.compare(b.ts(), a.ts()));
        return out.size() > 1000 ? out.subList(0, 1000) : out;
    }

    private static Row row(Map<String, String> tags, Series s, List<Object> r) {
        return new Row(((Number) r.get(0)).longValue(), tags.get("station"), tags.get("device"), tags.get("type"),
                String.valueOf(r.get(s.column("state"))), String.valueOf(r.get(s.column("severity"))), String.valueOf(r.get(s.column("detail"))));
    }
}
