package org.yangguang.collector.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.Telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stored history never changes under anyone's hand. InfluxDB keeps one point per series and time, so a second
 * reading for a device at the same time would silently replace the first: a gateway credential could rewrite a
 * year of a village's revenue evidence. Before a batch is written, this looks up what {@code readings} already holds
 * at those devices and times: the same reading (same gateway, sequence number and {@link
 * org.yangguang.collector.storage.ReadingDigest digest}: a replay, a redelivery) is a duplicate, counted and not
 * written again; anything else there is a conflict, refused ({@code ts_conflict}) and dead-lettered. The same holds
 * between two readings of one batch.
 *
 * <p>One query per batch: readings are grouped into clusters of nearby times (live data is one cluster of a few
 * seconds), one statement per cluster, limited to the batch's stations and devices. A failed lookup is retried like
 * a failed write; nothing is written before it answers.
 */
public final class OverwriteGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OverwriteGuard.class);
    /** Readings further apart than this go into separate statements, so a statement never spans empty hours. */
    private static final long CLUSTER_GAP_MS = 60_000;

    /** What identifies a reading and tells whether it is the same as another. */
    public record Key(Telemetry telemetry, String digest) {
        String slot() {
            return telemetry.station() + "/" + telemetry.device() + "@" + telemetry.ts();
        }
    }

    /** A reading that may not be stored: another one is at its device and time. */
    public record Conflict<T>(T item, String detail) {
    }

    /** A batch sorted: readings to write, duplicates of stored ones, and conflicts. */
    public record Verdict<T>(List<T> fresh, List<T> duplicates, List<Conflict<T>> conflicts) {
    }

    private record Existing(String gateway, long seq, String digest) {
    }

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final TelemetryStore store;
    private final StorageSchema schema;
    private final Backoff backoff;
    private final CollectorMetrics metrics;
    private final Supplier<Boolean> closing;

    public OverwriteGuard(Vertx vertx, WorkerExecutor worker, TelemetryStore store, StorageSchema schema, Backoff backoff,
                          CollectorMetrics metrics, Supplier<Boolean> closing) {
        this.vertx = vertx;
        this.worker = worker;
        this.store = store;
        this.schema = schema;
        this.backoff = backoff;
        this.metrics = metrics;
        this.closing = closing;
    }

    /** Sorts {@code items}; fails only when the collector is closing. */
    public <T> Future<Verdict<T>> screen(List<T> items, Function<T, Key> key) {
        if (items.isEmpty()) {
            return Future.succeededFuture(new Verdict<>(List.of(), List.of(), List.of()));
        }
        List<Key> keys = items.stream().map(key).toList();
        String query = query(keys);
        return lookup(query, 0).map(existing -> sort(items, keys, existing));
    }

    /**
     * Runs the event-loop half (building the query, reading an answer, sorting) once on the caller's thread: its
     * first run links lambdas and string concatenations for a few hundred milliseconds, past the blocked-thread limit.
     */
    public static void warmUp(Telemetry t) {
        Key k = new Key(t, "0");
        new OverwriteGuard(null, null, null, new StorageSchema("warm_up"), null, null, () -> false).query(List.of(k, k));
        Series answer = new Series(StorageSchema.READINGS, Map.of("station", t.station(), "device", t.device(), "gateway", t.gateway()),
                List.of("time", "seq", "digest"), List.of(List.of(t.ts(), (double) t.seq(), "0")));
        sort(List.of(k, k), List.of(k, k), existing(List.of(answer)));
    }

    private Future<Map<String, List<Existing>>> lookup(String query, int attempt) {
        return worker.<Map<String, List<Existing>>>executeBlocking(() -> existing(store.query(query)), false)
                .recover(err -> {
                    StoreException se = err instanceof StoreException s ? s
                            : new StoreException(StoreException.Kind.RETRYABLE, 0, String.valueOf(err), null, err);
                    if (se.kind() != StoreException.Kind.RETRYABLE) {
                        // A query InfluxDB cannot run is our bug, not the data's: say so loudly and store the batch
                        // rather than hold every reading behind it.
                        LOG.error("cannot look up stored readings ({}); this batch is written without the overwrite check",
                                se.getMessage());
                        return Future.succeededFuture(Map.of());
                    }
                    if (closing.get()) {
                        return Future.failedFuture(se);
                    }
                    metrics.retry(); // the store is failing: /health and the retry count say so, as for a write
                    long delay = backoff.delay(attempt, se.retryAfter()).toMillis();
                    if (attempt == 0 || attempt % 10 == 0) {
                        LOG.warn("lookup of stored readings failed ({}); retry {} in {} ms", se.getMessage(), attempt + 1, delay);
                    }
                    Promise<Map<String, List<Existing>>> again = Promise.promise();
                    vertx.setTimer(delay, id -> lookup(query, attempt + 1).onComplete(again));
                    return again.future();
                });
    }

    /** One SELECT per cluster of nearby times, over the clusters' stations and devices. */
    String query(List<Key> keys) {
        List<Key> byTime = new ArrayList<>(keys);
        byTime.sort(Comparator.comparingLong(k -> k.telemetry().ts()));
        List<String> statements = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= byTime.size(); i++) {
            if (i == byTime.size() || byTime.get(i).telemetry().ts() - byTime.get(i - 1).telemetry().ts() > CLUSTER_GAP_MS) {
                statements.add(statement(byTime.subList(from, i)));
                from = i;
            }
        }
        return String.join("; ", statements);
    }

    private String statement(List<Key> cluster) {
        TreeSet<String> stations = new TreeSet<>();
        TreeSet<String> devices = new TreeSet<>();
        cluster.forEach(k -> {
            stations.add(k.telemetry().station());
            devices.add(k.telemetry().device());
        });
        long a = cluster.get(0).telemetry().ts();
        long b = cluster.get(cluster.size() - 1).telemetry().ts();
        // ids are [a-z0-9_-]: safe in a regular expression and a quoted string as they are
        return "SELECT seq, digest FROM " + schema.raw(StorageSchema.READINGS)
                + " WHERE outcome = '" + StorageSchema.STORED + "' AND time >= " + a + "ms AND time <= " + b + "ms"
                + " AND station =~ /^(" + String.join("|", stations) + ")$/ AND device =~ /^(" + String.join("|", devices) + ")$/"
                + " GROUP BY station, device, gateway";
    }

    private static Map<String, List<Existing>> existing(List<Series> result) {
        Map<String, List<Existing>> out = new HashMap<>();
        for (Series s : result) {
            int seq = s.column("seq");
            int digest = s.column("digest");
            for (List<Object> row : s.values()) {
                String slot = s.tags().get("station") + "/" + s.tags().get("device") + "@" + ((Number) row.get(0)).longValue();
                Object seqValue = row.get(seq);
                out.computeIfAbsent(slot, k -> new ArrayList<>(1)).add(new Existing(s.tags().get("gateway"),
                        seqValue instanceof Number n ? n.longValue() : -1, String.valueOf(row.get(digest))));
            }
        }
        return out;
    }

    private static <T> Verdict<T> sort(List<T> items, List<Key> keys, Map<String, List<Existing>> stored) {
        List<T> fresh = new ArrayList<>();
        List<T> duplicates = new ArrayList<>();
        List<Conflict<T>> conflicts = new ArrayList<>();
        Map<String, Existing> inBatch = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Key k = keys.get(i);
            Telemetry t = k.telemetry();
            Existing mine = new Existing(t.gateway(), t.seq(), k.digest());
            List<Existing> there = new ArrayList<>(stored.getOrDefault(k.slot(), List.of()));
            Existing earlier = inBatch.get(k.slot());
            if (earlier != null) {
                there.add(earlier);
            }
            Existing other = there.stream().filter(e -> !e.equals(mine)).findFirst().orElse(null);
            if (other != null) {
                conflicts.add(new Conflict<>(items.get(i), "device " + t.station() + "/" + t.device() + " already has a reading at "
                        + Instant.ofEpochMilli(t.ts()) + " (seq " + other.seq() + " from " + other.gateway()
                        + ") with other values or another sequence number; this one (seq " + t.seq() + " from " + t.gateway()
                        + ") is refused so that stored history never changes"));
            } else if (!there.isEmpty()) {
                duplicates.add(items.get(i));
            } else {
                fresh.add(items.get(i));
                inBatch.put(k.slot(), mine);
            }
        }
        return new Verdict<>(fresh, duplicates, conflicts);
    }
}
