package org.yangguang.collector.loss;

import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A station's alarm episodes, paired from the stored events: a raise opens one (from its {@code since}, or its own
 * time for events stored before that field), the next clear of the same device and kind closes it. Generic over
 * kinds: whatever {@code type} the alarm engine writes is paired the same way.
 */
final class Episodes {
    private record Event(long ts, boolean raised, long since, String severity, String detail) {
    }

    private Episodes() {
    }

    /** A station's episodes open at {@code fromMs} or raised or cleared in [fromMs, toMs). Blocking. */
    static List<Episode> load(TelemetryStore store, LossSchema schema, String station, long fromMs, long toMs)
            throws StoreException {
        return matching(store, schema, "station = '" + station + "' AND ", fromMs, toMs);
    }

    /** The same for every station ({@code where} is "" or "station = '…' AND "). */
    static List<Episode> matching(TelemetryStore store, LossSchema schema, String where, long fromMs, long toMs)
            throws StoreException {
        Map<List<String>, List<Event>> events = new TreeMap<>(Comparator.comparing((List<String> k) -> String.join("/", k)));
        String fields = "SELECT state, since, severity, detail FROM " + schema.alarms() + " WHERE " + where;
        // the state each series was in at the start (one event per series), then everything since
        read(store.query(fields + "time < " + fromMs + "ms GROUP BY station, device, type ORDER BY time DESC LIMIT 1"), events);
        read(store.query(fields + "time >= " + fromMs + "ms AND time < " + toMs + "ms GROUP BY station, device, type"), events);
        List<Episode> out = new ArrayList<>();
        events.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(Event::ts));
            Event open = null;
            for (Event e : list) {
                if (e.raised() && open == null) {
                    open = e;
                } else if (!e.raised() && open != null) {
                    out.add(new Episode(key.get(0), key.get(1), key.get(2), open.severity(), open.detail(), open.since(), e.ts()));
                    open = null;
                }
            }
            if (open != null) {
                out.add(new Episode(key.get(0), key.get(1), key.get(2), open.severity(), open.detail(), open.since(), null));
            }
        });
        return out;
    }

    private static void read(List<Series> result, Map<List<String>, List<Event>> into) {
        for (Series s : result) {
            List<Event> list = into.computeIfAbsent(List.of(s.tags().get("station"), s.tags().get("device"), s.tags().get("type")),
                    k -> new ArrayList<>());
            for (List<Object> row : s.values()) {
                long ts = ((Number) row.get(0)).longValue();
                Object since = row.get(s.column("since"));
                list.add(new Event(ts, "raised".equals(row.get(s.column("state"))),
                        since instanceof Number n ? n.longValue() : ts,
                        String.valueOf(row.get(s.column("severity"))), String.valueOf(row.get(s.column("detail")))));
            }
        }
    }
}
