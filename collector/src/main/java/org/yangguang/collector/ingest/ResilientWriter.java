package org.yangguang.collector.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.log.OperatorLog;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes a batch until every entry in it (a reading, an alarm event) is either stored or known to be unstorable,
 * never giving up on one the server might still take:
 * <ul>
 *   <li>429, 5xx, connection refused/reset: wait ({@link Backoff}, honouring Retry-After) and send the same lines again;</li>
 *   <li>413: split the batch in halves and write each;</li>
 *   <li>400 (the server will never take it): split down to the one entry it is about, which is reported as
 *       rejected with InfluxDB's reason (InfluxDB 1.x stores the good lines of a batch and names the bad one, so
 *       rewriting the good ones is harmless: same series and time).</li>
 * </ul>
 * The blocking write runs on a worker executor; timers and results stay on the caller's event loop.
 */
public final class ResilientWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientWriter.class);

    /** One reading's (or alarm event's) lines. */
    public record Entry<T>(T item, List<Sample> samples) {
    }

    /** An entry the store will never take, with why. */
    public record Refused<T>(T item, String code, String detail) {
    }

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final TelemetryStore store;
    private final Backoff backoff;
    private final CollectorMetrics metrics;
    private final Supplier<Boolean> closing;
    private final OperatorLog log;

    public ResilientWriter(Vertx vertx, WorkerExecutor worker, TelemetryStore store, Backoff backoff,
                           CollectorMetrics metrics, OperatorLog log, Supplier<Boolean> closing) {
        this.vertx = vertx;
        this.worker = worker;
        this.store = store;
        this.backoff = backoff;
        this.metrics = metrics;
        this.closing = closing;
        this.log = log;
    }

    /** Completes with the refused entries once all others are stored; fails only when the collector is closing. */
    public <T> Future<List<Refused<T>>> write(List<Entry<T>> entries) {
        List<Refused<T>> refused = new ArrayList<>();
        return attempt(entries, 0, refused).map(v -> refused);
    }

    private <T> Future<Void> attempt(List<Entry<T>> entries, int attemptNo, List<Refused<T>> refused) {
        List<Sample> lines = new ArrayList<>();
        for (Entry<T> e : entries) {
            lines.addAll(e.samples());
        }
        long start = System.nanoTime();
        Future<Void> written = lines.isEmpty() ? Future.succeededFuture() : worker.executeBlocking(() -> {
            store.write(lines);
            return null;
        }, false);
        return written.map(v -> {
            metrics.batch(entries.size(), lines.size(), System.nanoTime() - start);
            log.influxWriting();
            return (Void) null;
        }).recover(err -> {
            StoreException se = err instanceof StoreException s ? s
                    : new StoreException(StoreException.Kind.RETRYABLE, 0, String.valueOf(err), null, err);
            switch (se.kind()) {
                case RETRYABLE -> {
                    if (closing.get()) {
                        return Future.failedFuture(se);
                    }
                    metrics.retry();
                    long delay = backoff.delay(attemptNo, se.retryAfter()).toMillis();
                    // one line when InfluxDB starts failing and one when it writes again, not one per write
                    log.influxFailing(se.getMessage());
                    LOG.debug("write of {} lines failed ({}); retry {} in {} ms", lines.size(), se.getMessage(), attemptNo + 1, delay);
                    Promise<Void> again = Promise.promise();
                    vertx.setTimer(delay, id -> attempt(entries, attemptNo + 1, refused).onComplete(again));
                    return again.future();
                }
                default -> {
                    if (entries.size() > 1) {
                        int half = entries.size() / 2;
                        LOG.info("InfluxDB refused a batch of {} readings ({}); splitting", entries.size(), se.getMessage());
                        List<Entry<T>> left = new ArrayList<>(entries.subList(0, half));
                        List<Entry<T>> right = new ArrayList<>(entries.subList(half, entries.size()));
                        return attempt(left, 0, refused).compose(v -> attempt(right, 0, refused));
                    }
                    String code = se.kind() == StoreException.Kind.TOO_LARGE ? "too_large" : "storage_rejected";
                    refused.add(new Refused<>(entries.get(0).item(), code, se.getMessage()));
                    return Future.succeededFuture();
                }
            }
        });
    }
}
