package org.yangguang.collector.rollup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.ingest.TelemetryListener;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.Telemetry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the 5 min / 1 h / 1 day rollups current: remembers which time range of which station this collector
 * stored data for, and every {@code interval} recomputes those buckets from the level below (on a worker).
 * Continuous queries are not used because they only look at a fixed recent window: a gateway replaying hours of
 * buffered readings after a 4G outage would never reach the rollups, and station energy would be short.
 */
public final class RollupMaintainer implements TelemetryListener {
    private static final Logger LOG = LoggerFactory.getLogger(RollupMaintainer.class);

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final TelemetryStore store;
    private final RollupStatements statements;
    private final EnergyRollup energy;
    private final CollectorMetrics metrics;
    /** station → [min ts, max ts] stored since the last run; event-loop confined. */
    private Map<String, long[]> dirty = new HashMap<>();
    private Future<Void> current;
    private long timer = -1;
    private java.util.function.Consumer<Map<String, long[]>> rolledUp = work -> { };

    public RollupMaintainer(Vertx vertx, WorkerExecutor worker, TelemetryStore store, RollupStatements statements,
                            CollectorMetrics metrics) {
        this.vertx = vertx;
        this.worker = worker;
        this.store = store;
        this.statements = statements;
        this.energy = new EnergyRollup(store, statements.schema());
        this.metrics = metrics;
    }

    /** Told, on the event loop, what each successful run recomputed (station → [min ts, max ts]): derived data follows. */
    public void onRolledUp(java.util.function.Consumer<Map<String, long[]>> listener) {
        this.rolledUp = listener;
    }

    public void start(Duration interval) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> runNow());
    }

    /** Groups of at most 200 stations whose ranges lie within a day of each other (late data stays apart). */
    static List<List<Map.Entry<String, long[]>>> groups(Map<String, long[]> work) {
        List<Map.Entry<String, long[]>> entries = new java.util.ArrayList<>(work.entrySet());
        entries.sort(java.util.Comparator.comparingLong(e -> e.getValue()[0]));
        List<List<Map.Entry<String, long[]>>> out = new java.util.ArrayList<>();
        List<Map.Entry<String, long[]>> cur = new java.util.ArrayList<>();
        long curFrom = 0;
        for (Map.Entry<String, long[]> e : entries) {
            if (!cur.isEmpty() && (cur.size() >= 200 || e.getValue()[0] - curFrom > 86_400_000L)) {
                out.add(cur);
                cur = new java.util.ArrayList<>();
            }
            if (cur.isEmpty()) {
                curFrom = e.getValue()[0];
            }
            cur.add(e);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /**
     * A swap recorded at {@code ts} — perhaps after the new unit's first readings were rolled up as the old
     * unit's — changes the energy of the bucket it falls in and of the device's next bucket with a reading: both are
     * recomputed at the next run.
     */
    public void swapped(String station, long ts) {
        long[] r = dirty.computeIfAbsent(station, s -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
        r[0] = Math.min(r[0], ts);
        r[1] = Math.max(r[1], ts);
    }

    /**
     * After a restart: what this collector stored just before it died was never rolled up (the dirty set lived in
     * memory), so every station with raw data in the window is marked dirty for it once.
     */
    public Future<Void> catchUp(long fromMs, long toMs, String telemetryMeasurement) {
        return worker.executeBlocking(() -> {
            java.util.List<String> stations = new java.util.ArrayList<>();
            for (org.yangguang.collector.storage.Series s : store.query("SELECT count(ac_energy) FROM " + telemetryMeasurement
                    + " WHERE time >= " + fromMs + "ms AND time <= " + toMs + "ms GROUP BY station")) {
                stations.add(s.tags().get("station"));
            }
            return stations;
        }, false).map(stations -> {
            for (String station : stations) {
                long[] r = dirty.computeIfAbsent(station, st -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
                r[0] = Math.min(r[0], fromMs);
                r[1] = Math.max(r[1], toMs);
            }
            return (Void) null;
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public void stored(Telemetry t) {
        if (t.points().isEmpty()) {
            return;
        }
        long[] r = dirty.computeIfAbsent(t.station(), s -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
        r[0] = Math.min(r[0], t.ts());
        r[1] = Math.max(r[1], t.ts());
    }

    /**
     * Recomputes every level of {@code stations} over [fromMs, toMs) from their raw readings: the 5-minute buckets,
     * their energy by the contract's counter rule, then hours and days. Blocking (a worker's thread, or a bench's);
     * what every run does for each group of dirty stations.
     */
    public static void recompute(TelemetryStore store, RollupStatements statements, List<String> stations, long fromMs,
                                 long toMs) throws StoreException {
        recompute(store, statements, new EnergyRollup(store, statements.schema()), stations, fromMs, toMs);
    }

    private static void recompute(TelemetryStore store, RollupStatements statements, EnergyRollup energy,
                                  List<String> stations, long fromMs, long toMs) throws StoreException {
        long[] five = statements.fiveMinuteRange(fromMs, toMs);
        store.query(statements.fiveMinutes(stations, five[0], five[1]));
        long end = energy.recompute(stations, five[0], five[1]);
        for (String q : statements.upperLevels(stations, five[0], Math.max(five[1], end))) {
            store.query(q);
        }
    }

    /** Recomputes what is dirty now; completes when done (on the event loop). */
    public Future<Void> runNow() {
        if (current != null) {
            return current.transform(ar -> runNow());
        }
        if (dirty.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, long[]> work = dirty;
        dirty = new HashMap<>();
        current = worker.executeBlocking(() -> {
            // stations whose dirty ranges overlap are recomputed together: with live data that is all of them,
            // in four queries per run however many stations there are
            for (List<Map.Entry<String, long[]>> group : groups(work)) {
                long from = group.stream().mapToLong(e -> e.getValue()[0]).min().orElseThrow();
                long to = group.stream().mapToLong(e -> e.getValue()[1]).max().orElseThrow();
                List<String> stations = group.stream().map(Map.Entry::getKey).toList();
                recompute(store, statements, energy, stations, from, to + 1);
                metrics.rollupRun();
            }
            return (Void) null;
        }, false);
        return current.onComplete(ar -> {
            current = null;
            if (ar.succeeded()) {
                rolledUp.accept(work);
            }
            if (ar.failed()) {
                LOG.warn("rollup failed, will retry: {}", ar.cause().getMessage());
                work.forEach((station, r) -> {
                    long[] cur = dirty.computeIfAbsent(station, s -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
                    cur[0] = Math.min(cur[0], r[0]);
                    cur[1] = Math.max(cur[1], r[1]);
                });
            }
        });
    }
}
