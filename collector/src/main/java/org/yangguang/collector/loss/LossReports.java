package org.yangguang.collector.loss;

import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.ExpectedEnergy.Method;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lost energy as people ask for it, from the stored day rows ({@code alarm_loss}) and the alarm events: per period,
 * station, device and kind, episode by episode and day by day, and the episodes open now. Blocking: run on a worker.
 */
public final class LossReports {
    /** Alarm events older than raw's retention are gone: an episode whose events are is reported as "expired". */
    static final String EXPIRED = "expired";

    private final TelemetryStore store;
    private final LossSchema schema;
    private final ZoneId zone;

    /** One local day's loss of an episode. */
    public record Day(LocalDate date, long lostWh, String method) {
    }

    /**
     * An episode's loss over the days asked for. {@code state} is open, closed, or expired (its alarm events are
     * past raw's retention); {@code until} is the clear.
     */
    public record EpisodeLoss(String station, String device, String type, String severity, String detail, long since,
                              Long until, String state, long lostWh, long expectedWh, long actualWh, long unconfirmedWh,
                              long modelledWh, long unpricedBuckets, String method, String note, Long lastDayLostWh,
                              List<Day> days) {
        public String id() {
            return station + "/" + device + "/" + type + "/" + since;
        }
    }

    /** A station's loss per day (all its episodes), what revenue is priced from. */
    public record StationLoss(String station, long lostWh, long unconfirmedWh, Map<LocalDate, Long> days) {
    }

    public record Period(LocalDate from, LocalDate to, long lostWh, long unconfirmedWh, long unpricedBuckets,
                         List<StationLoss> stations, List<EpisodeLoss> episodes) {
    }

    public LossReports(TelemetryStore store, LossSchema schema, ZoneId zone) {
        this.store = store;
        this.schema = schema;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    private long startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Losses of the local days from..to (inclusive), optionally of one station, device or alarm kind. */
    public Period period(String station, String device, String type, LocalDate from, LocalDate toInclusive, long nowMs)
            throws StoreException {
        long a = startOf(from);
        long b = startOf(toInclusive.plusDays(1));
        StringBuilder where = new StringBuilder();
        if (station != null) {
            where.append("station = '").append(station).append("' AND ");
        }
        if (device != null) {
            where.append("device = '").append(device).append("' AND ");
        }
        if (type != null) {
            where.append("type = '").append(type).append("' AND ");
        }
        Map<String, Episode> known = new HashMap<>();
        for (Episode e : Episodes.matching(store, schema, where.toString(), a, Math.max(b, nowMs + 1))) {
            known.put(e.id(), e);
        }
        List<EpisodeLoss> episodes = episodes(store.query("SELECT * FROM " + schema.loss() + " WHERE " + where
                + "time >= " + a + "ms AND time < " + b + "ms GROUP BY station, device, type"), known);
        Map<String, StationLoss> stations = new TreeMap<>();
        long lost = 0;
        long unconfirmed = 0;
        long unpriced = 0;
        for (EpisodeLoss e : episodes) {
            lost += e.lostWh();
            unconfirmed += e.unconfirmedWh();
            unpriced += e.unpricedBuckets();
            StationLoss s = stations.computeIfAbsent(e.station(), k -> new StationLoss(k, 0, 0, new TreeMap<>()));
            for (Day d : e.days()) {
                s.days().merge(d.date(), d.lostWh(), Long::sum);
            }
            stations.put(e.station(), new StationLoss(s.station(), s.lostWh() + e.lostWh(), s.unconfirmedWh() + e.unconfirmedWh(), s.days()));
        }
        return new Period(from, toInclusive, lost, unconfirmed, unpriced, new ArrayList<>(stations.values()), episodes);
    }

    /**
     * The episodes open now (of one station, or all), each with its loss since it began, ranked by what it lost
     * over the last 24 hours: the repair queue.
     */
    public List<EpisodeLoss> open(String station, long nowMs) throws StoreException {
        String where = station == null ? "" : "station = '" + station + "' AND ";
        Map<String, Episode> open = new HashMap<>();
        for (Episode e : Episodes.matching(store, schema, where, nowMs + 1, nowMs + 1)) {
            if (e.open()) {
                open.put(e.id(), e);
            }
        }
        if (open.isEmpty()) {
            return List.of();
        }
        long since = open.values().stream().mapToLong(Episode::since).min().orElseThrow();
        long from = startOf(Instant.ofEpochMilli(since).atZone(zone).toLocalDate());
        List<EpisodeLoss> out = new ArrayList<>();
        for (EpisodeLoss e : episodes(store.query("SELECT * FROM " + schema.loss() + " WHERE " + where + "time >= "
                + from + "ms GROUP BY station, device, type"), open)) {
            if (open.containsKey(e.id())) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing((EpisodeLoss e) -> -(e.lastDayLostWh() == null ? 0 : e.lastDayLostWh()))
                .thenComparing(e -> -e.lostWh()).thenComparing(EpisodeLoss::id));
        return out;
    }

    /** Groups day rows into episodes (by station, device, kind and onset), joined with what the events say. */
    private List<EpisodeLoss> episodes(List<Series> result, Map<String, Episode> known) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (Series s : result) {
            for (List<Object> row : s.values()) {
                Map<String, Object> r = new HashMap<>(s.tags());
                for (int i = 0; i < s.columns().size(); i++) {
                    r.putIfAbsent(s.columns().get(i), row.get(i));
                }
                long since = ((Number) r.get("since")).longValue();
                rows.computeIfAbsent(s.tags().get("station") + "/" + s.tags().get("device") + "/" + s.tags().get("type") + "/" + since,
                        k -> new ArrayList<>()).add(r);
            }
        }
        List<EpisodeLoss> out = new ArrayList<>();
        rows.forEach((id, list) -> {
            list.sort(Comparator.comparingLong(r -> ((Number) r.get("time")).longValue()));
            Map<String, Object> first = list.get(0);
            Map<String, Object> latest = list.get(list.size() - 1);
            Episode e = known.get(id);
            long[] sums = new long[6];
            boolean reference = false;
            boolean modelled = false;
            boolean unavailable = false;
            String note = null;
            List<Day> days = new ArrayList<>();
            for (Map<String, Object> r : list) {
                sums[0] += whole(r.get("lost_wh"));
                sums[1] += whole(r.get("expected_wh"));
                sums[2] += whole(r.get("actual_wh"));
                sums[3] += whole(r.get("unconfirmed_wh"));
                sums[4] += whole(r.get("modelled_wh"));
                sums[5] += whole(r.get("unpriced_buckets"));
                String method = String.valueOf(r.get("method"));
                reference |= method.equals(Method.REFERENCE.code()) || method.equals(Attribution.MIXED);
                modelled |= method.equals(Method.MODELLED.code()) || method.equals(Attribution.MIXED);
                unavailable |= method.equals(Method.UNAVAILABLE.code());
                if (r.get("note") instanceof String n && !n.isEmpty()) {
                    note = n;
                }
                days.add(new Day(Instant.ofEpochMilli(((Number) r.get("time")).longValue()).atZone(zone).toLocalDate(),
                        whole(r.get("lost_wh")), method));
            }
            String method = Attribution.method(reference, modelled, unavailable);
            String state = e == null ? EXPIRED : e.open() ? "open" : "closed";
            out.add(new EpisodeLoss(String.valueOf(first.get("station")), String.valueOf(first.get("device")),
                    String.valueOf(first.get("type")), String.valueOf(first.get("severity")), String.valueOf(first.get("detail")),
                    ((Number) first.get("since")).longValue(), e == null ? null : e.until(), state,
                    sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], method, note,
                    e != null && e.open() ? whole(latest.get("last_24h_wh")) : null, days));
        });
        out.sort(Comparator.comparingLong(EpisodeLoss::since).thenComparing(EpisodeLoss::id));
        return out;
    }

    private static long whole(Object o) {
        return o instanceof Number n ? Math.round(n.doubleValue()) : 0;
    }

    /** Expected against actual energy, bucket by bucket, of a station's inverters (or one) over [fromMs, toMs). */
    public List<Estimate> expected(String station, String device, long fromMs, long toMs) throws StoreException {
        List<Estimate> out = new ArrayList<>();
        for (Series s : store.query("SELECT expected, actual, method, basis, peers, note FROM " + schema.expected()
                + " WHERE station = '" + station + "'" + (device == null ? "" : " AND device = '" + device + "'")
                + " AND time >= " + fromMs + "ms AND time < " + toMs + "ms GROUP BY device")) {
            for (List<Object> row : s.values()) {
                out.add(LossSchema.estimate(s.tags().get("device"), s, row));
            }
        }
        out.sort(Comparator.comparingLong(Estimate::bucket).thenComparing(Estimate::device));
        return out;
    }
}
