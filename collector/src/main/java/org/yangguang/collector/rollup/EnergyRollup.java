package org.yangguang.collector.rollup;

import org.yangguang.collector.device.DeviceRecords;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StorageSchema.Level;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.EnergyCounter;
import org.yangguang.contract.EnergyCounter.Reading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 5-minute {@code energy} field: the energy each device produced in a bucket, by the contract's counter rule
 * ({@link EnergyCounter}) — a device's steps between readings, a step down counting nothing, a step across an
 * inverter swap counting nothing whichever counter is larger. It is the increase of the device's counter from the
 * previous bucket with a reading (up to {@link RollupStatements#ENERGY_LOOKBACK} back) to this one, from the buckets'
 * last readings where that stretch telescopes, and from the raw readings of the two buckets where it does not (a
 * swap or a step down between them, or no earlier bucket: the device's first reading then opens its count).
 *
 * <p>A recompute of [from, to) also recomputes, for each device, its first bucket with a reading at or after
 * {@code to}: a late reading changes where that bucket's difference starts.
 */
final class EnergyRollup {
    private static final long BUCKET = Level.FIVE_MINUTES.millis();
    private static final int WRITE_SLICE = 5000;

    private final TelemetryStore store;
    private final StorageSchema schema;
    private final DeviceRecords devices;

    EnergyRollup(TelemetryStore store, StorageSchema schema) {
        this.store = store;
        this.schema = schema;
        this.devices = new DeviceRecords(store, schema);
    }

    /** One 5-minute rollup point's counter: its bucket, last {@code ac_energy}, and the tags of its series. */
    private record Bucket(long time, double last, String kind, String model) {
        long end() {
            return time + BUCKET;
        }
    }

    /**
     * Writes {@code energy} for every 5-minute bucket with a counter reading in [from, to) of {@code stations} (the
     * 5-minute lasts must be current there), and for each device's next such bucket after it. Returns where the
     * buckets written end, for the levels above.
     */
    long recompute(Collection<String> stations, long from, long to) throws StoreException {
        long lookback = RollupStatements.ENERGY_LOOKBACK.toMillis();
        String where = StorageSchema.stationFilter(stations);
        String fiveMinutes = schema.rollup(Level.FIVE_MINUTES);
        Map<String, Bucket> before = new HashMap<>();
        for (Series s : store.query("SELECT last(ac_energy) FROM " + fiveMinutes + " WHERE " + where + " AND time >= "
                + (from - lookback) + "ms AND time < " + from + "ms GROUP BY station, device")) {
            List<Object> row = s.values().get(0);
            before.put(key(s), new Bucket(((Number) row.get(0)).longValue(), ((Number) row.get(1)).doubleValue(), null, null));
        }
        long until = to;
        for (Series s : store.query("SELECT first(ac_energy) FROM " + fiveMinutes + " WHERE " + where + " AND time >= "
                + to + "ms AND time < " + (to + lookback) + "ms GROUP BY station, device")) {
            until = Math.max(until, ((Number) s.values().get(0).get(0)).longValue() + BUCKET);
        }
        Map<String, List<Bucket>> buckets = new TreeMap<>();
        for (Series s : store.query("SELECT ac_energy, kind, model FROM " + fiveMinutes + " WHERE " + where
                + " AND time >= " + from + "ms AND time < " + until + "ms GROUP BY station, device")) {
            List<Bucket> list = buckets.computeIfAbsent(key(s), k -> new ArrayList<>());
            for (List<Object> row : s.values()) {
                if (row.get(1) instanceof Number n) {
                    list.add(new Bucket(((Number) row.get(0)).longValue(), n.doubleValue(), (String) row.get(2),
                            (String) row.get(3)));
                }
            }
        }
        Map<String, List<Long>> swaps = devices.swapTimes(stations, from - lookback, until);
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<String, List<Bucket>> e : buckets.entrySet()) {
            String[] id = e.getKey().split("/", 2);
            EnergyCounter rule = EnergyCounter.withSwaps(swaps.getOrDefault(e.getKey(), List.of()));
            Bucket prev = before.get(e.getKey());
            List<Bucket> list = e.getValue();
            boolean nextDone = false;
            for (int i = 0; i < list.size(); i++) {
                Bucket q = list.get(i);
                // a device's model changed inside the bucket (a swap to another make): one point per series there
                boolean sameBucketAsNext = i + 1 < list.size() && list.get(i + 1).time() == q.time();
                boolean inRange = q.time() < to;
                if (inRange || !nextDone) {
                    double wh = sameBucketAsNext ? 0 : energy(id[0], id[1], rule, prev, q);
                    out.add(new Sample(Level.FIVE_MINUTES.measurement(), tags(id, q), Map.of("energy", wh), q.time()));
                    nextDone |= !inRange && !sameBucketAsNext;
                }
                if (!sameBucketAsNext) {
                    prev = q;
                }
            }
        }
        // in slices, as the ingest batches: a county's catch-up after a restart is far more than one request should carry
        for (int i = 0; i < out.size(); i += WRITE_SLICE) {
            store.write(Level.FIVE_MINUTES.policy(), out.subList(i, Math.min(out.size(), i + WRITE_SLICE)));
        }
        return until;
    }

    /** The energy of bucket {@code q} after bucket {@code p} (null: the device's first bucket). */
    private double energy(String station, String device, EnergyCounter rule, Bucket p, Bucket q) throws StoreException {
        if (p != null && !rule.swapBetween(p.time(), q.end() - 1)
                && rule.telescopes(new Reading(p.time(), p.last()), new Reading(q.time(), q.last()), false)) {
            return q.last() - p.last();
        }
        // the steps themselves: those ending in q, from the readings of p's and q's buckets
        List<Reading> readings = new ArrayList<>();
        long start = p == null ? q.time() : p.time();
        for (Series s : store.query("SELECT ac_energy FROM " + schema.raw(StorageSchema.TELEMETRY) + " WHERE station = '"
                + station + "' AND device = '" + device + "' AND time >= " + start + "ms AND time < " + q.end() + "ms")) {
            for (List<Object> row : s.values()) {
                if (row.get(1) instanceof Number n) {
                    long ts = ((Number) row.get(0)).longValue();
                    if (p == null || ts < p.end() || ts >= q.time()) {
                        readings.add(new Reading(ts, n.doubleValue()));
                    }
                }
            }
        }
        double wh = 0;
        for (int i = 1; i < readings.size(); i++) {
            if (readings.get(i).ts() >= q.time()) {
                wh += rule.step(readings.get(i - 1), readings.get(i));
            }
        }
        return wh;
    }

    private static String key(Series s) {
        return s.tags().get("station") + "/" + s.tags().get("device");
    }

    private static Map<String, String> tags(String[] id, Bucket b) {
        Map<String, String> tags = new HashMap<>();
        tags.put("station", id[0]);
        tags.put("device", id[1]);
        if (b.kind() != null) {
            tags.put("kind", b.kind());
        }
        if (b.model() != null) {
            tags.put("model", b.model());
        }
        return tags;
    }
}
