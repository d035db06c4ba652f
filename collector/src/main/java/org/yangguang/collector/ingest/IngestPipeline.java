package org.yangguang.collector.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.collector.validation.Rejection;
import org.yangguang.collector.validation.Validator;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The message path, confined to one event loop: decode → validate → map → batch → write → ack. A message is
 * acknowledged only on the success branch (stored) or after its dead letter reached the broker; anything else
 * leaves it unacknowledged, so the broker delivers it again.
 *
 * <p>Batches are cut by size ({@code batchLines}) or age ({@code linger}); at most {@code concurrency} writes
 * run at once, and the broker's Receive Maximum bounds how many messages wait meanwhile.
 */
public final class IngestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    private record Pending(Delivery delivery, Telemetry telemetry) {
    }

    private final Vertx vertx;
    private final Validator validator;
    private final ResilientWriter writer;
    private final Acknowledger acks;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final int batchLines;
    private final long lingerMs;
    private final int concurrency;
    private final List<TelemetryListener> listeners = new ArrayList<>();

    private List<ResilientWriter.Entry<Pending>> batch = new ArrayList<>();
    private int batchLineCount;
    private long lingerTimer = -1;
    private long batchStarted;
    private int writesRunning;
    private boolean closed;

    public IngestPipeline(Vertx vertx, Validator validator, ResilientWriter writer, Acknowledger acks,
                          CollectorMetrics metrics, Clock clock, int batchLines, Duration linger, int concurrency) {
        this.vertx = vertx;
        this.validator = validator;
        this.writer = writer;
        this.acks = acks;
        this.metrics = metrics;
        this.clock = clock;
        this.batchLines = batchLines;
        this.lingerMs = Math.max(1, linger.toMillis());
        this.concurrency = concurrency;
    }

    public void addListener(TelemetryListener l) {
        listeners.add(l);
    }

    /** Called on the event loop for every delivery. */
    public void accept(Delivery d) {
        metrics.received();
        try {
            process(d);
        } catch (RuntimeException e) {
            // a bug of ours must not hold the message (and its in-flight slot) forever, nor stop the ones behind it
            LOG.error("unexpected failure on {}", d.topic(), e);
            reject(d, new Rejection("internal_error", "the collector failed on this message: " + e));
        }
    }

    private void process(Delivery d) {
        Telemetry t;
        try {
            t = TelemetryCodec.decode(d.payload());
        } catch (ContractViolation v) {
            reject(d, new Rejection(v.code(), v.getMessage()));
            return;
        } catch (RuntimeException e) {
            reject(d, new Rejection("bad_value", "payload could not be read: " + e.getMessage()));
            return;
        }
        Optional<Rejection> rejection = validator.check(d.topic(), t, clock.millis());
        if (rejection.isPresent()) {
            reject(d, rejection.get());
            return;
        }
        List<Sample> samples = TelemetryMapper.map(t);
        if (batch.isEmpty()) {
            batchStarted = System.nanoTime();
        }
        batch.add(new ResilientWriter.Entry<>(new Pending(d, t), samples));
        batchLineCount += samples.size();
        flushWhenDue();
    }

    /**
     * Sends the batch when it is full or has waited the linger, else makes sure a timer sends it then. The age
     * is checked here and not left to the timer alone: under a flood the timer task queues behind messages.
     */
    private void flushWhenDue() {
        if (batch.isEmpty()) {
            return;
        }
        long waitedNanos = System.nanoTime() - batchStarted;
        if (batchLineCount >= batchLines || waitedNanos > lingerMs * 1_000_000L) {
            flush();
        } else if (lingerTimer < 0) {
            lingerTimer = vertx.setTimer(Math.max(1, lingerMs - waitedNanos / 1_000_000L), id -> {
                lingerTimer = -1;
                flush();
            });
        }
    }

    private void reject(Delivery d, Rejection r) {
        LOG.info("dead letter {} from {}: {}", r.code(), d.topic(), r.detail());
        metrics.deadLetter(r.code());
        acks.deadLetter(d, r.code(), r.detail()).onSuccess(v -> {
            acks.ack(d);
            metrics.acknowledged();
        });
    }

    private void flush() {
        if (batch.isEmpty() || writesRunning >= concurrency || closed) {
            return; // a running write calls flush() again when it finishes
        }
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
        List<ResilientWriter.Entry<Pending>> toWrite = batch;
        batch = new ArrayList<>();
        batchLineCount = 0;
        writesRunning++;
        writer.write(toWrite).onComplete(ar -> {
            writesRunning--;
            if (ar.succeeded()) {
                finish(toWrite, ar.result());
            } else {
                LOG.warn("batch of {} messages left unacknowledged (the broker redelivers them): {}", toWrite.size(), ar.cause().getMessage());
            }
            // Only a batch that is full or old enough goes now: flushing whatever came in during the write made
            // batches a quarter of their size under load, and InfluxDB pays per request (docs/performance.md).
            flushWhenDue();
        });
    }

    private void finish(List<ResilientWriter.Entry<Pending>> written, List<ResilientWriter.Refused<Pending>> refused) {
        long now = clock.millis();
        java.util.Set<Pending> notStored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        refused.forEach(r -> notStored.add(r.item()));
        for (ResilientWriter.Entry<Pending> e : written) {
            Pending p = e.item();
            if (notStored.contains(p)) {
                continue;
            }
            acks.ack(p.delivery());
            metrics.acknowledged();
            metrics.stored(now - p.telemetry().ts());
            for (TelemetryListener l : listeners) {
                try {
                    l.stored(p.telemetry());
                } catch (RuntimeException ex) {
                    LOG.error("listener failed on {}", p.delivery().topic(), ex);
                }
            }
        }
        for (ResilientWriter.Refused<Pending> r : refused) {
            reject(r.item().delivery(), new Rejection(r.code(), r.detail()));
        }
    }

    /** Stops taking new batches; returns when running writes have ended. */
    public Future<Void> drain(Duration timeout) {
        flush();
        closed = true;
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        vertx.setPeriodic(20, id -> {
            if (writesRunning == 0 || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }

    public int pendingMessages() {
        return batch.size();
    }
}
