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
    /**
     * @param detailCode the {@link AlarmDetail.Code} in wire form, null for events stored before codes existed
     * @param params     its parameters as a JSON object text ("{}" when none or unknown)
     */
    public record Row(long ts, String station, String device, String type, String state, String severity, String detail,
                      String detailCode, String params) {
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
        for (Series s : store.query("SELECT state, severity, detail, detail_code, params FROM "
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
        for (Series s : store.query("SELECT state, severity, detail, detail_code, params FROM " + schema.raw(StorageSchema.ALARMS)
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
                String.valueOf(r.get(s.column("state"))), String.valueOf(r.get(s.column("severity"))), String.valueOf(r.get(s.column("detail"))),
                text(s, r, "detail_code", null), text(s, r, "params", "{}"));
    }

    /** A column that events stored before it existed do not have (null in the row, or no column at all). */
    private static String text(Series s, List<Object> r, String column, String absent) {
        int i = s.column(column);
        Object v = i < 0 || i >= r.size() ? null : r.get(i);
        return v == null ? absent : String.valueOf(v);
    }
}
