package org.yangguang.collector.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.receipt.ReceiptBook;
import org.yangguang.collector.storage.ReadingDigest;
import org.yangguang.collector.log.OperatorLog;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.collector.validation.Rejection;
import org.yangguang.collector.validation.Validator;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The message path, confined to one event loop: split → decode → validate → map → batch → screen (is it stored
 * already?) → write → receipt and ack. A v2 message carries a batch of one device's readings ({@link TelemetryBatch});
 * a v1 message is a batch of one. Each reading is decoded, validated and stored or dead-lettered on its own, and the
 * message is acknowledged only when every one of its readings took the success branch (stored) or its dead letter
 * reached the broker; anything else leaves it unacknowledged, so the broker delivers the whole message again.
 *
 * <p>The gateway learns the outcome from a receipt ({@link ReceiptBook}): stored once the write answered 2xx (or the
 * same reading was stored before: a duplicate, counted, not written again), refused once a reading whose gateway is
 * known was dead-lettered and its refusal written to {@code readings}. A reading at a device and time that already
 * holds another is refused ({@link OverwriteGuard}, {@code ts_conflict}), never written over it.
 *
 * <p>Batches are cut by size ({@code batchLines}) or age ({@code linger}); at most {@code concurrency} writes
 * run at once, and while a full batch waits behind them the pipeline is {@link #full}: messages then wait undecoded
 * in the MQTT side's in-flight budget, which is what holds the broker back.
 */
public final class IngestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /** A message whose readings are on their way; the PUBACK goes when none is left unsettled. */
    private static final class Open {
        final Delivery delivery;
        /** A v2 batch whose envelope was read: a bad reading is dead-lettered alone, with its index. */
        final boolean perReading;
        final int readings;
        int unsettled;

        Open(Delivery delivery, boolean perReading, int readings) {
            this.delivery = delivery;
            this.perReading = perReading;
            this.readings = readings;
            this.unsettled = readings;
        }
    }

    /**
     * One reading waiting for its write; its bytes are still at hand (in the message) should InfluxDB refuse it. With
     * {@code refusal}, what is written is its refusal (it was dead-lettered for that reason) and the receipt says refused.
     */
    private record Pending(Open open, int index, TelemetryBatch.Reading reading, String digest, Rejection refusal) {
        Telemetry telemetry() {
            return reading.telemetry();
        }

        OverwriteGuard.Key key() {
            return new OverwriteGuard.Key(reading.telemetry(), digest);
        }
    }

    private final Vertx vertx;
    private final Validator validator;
    private final ResilientWriter writer;
    private final Acknowledger acks;
    private final OverwriteGuard guard;
    private final ReceiptBook receipts;
    private final CollectorMetrics metrics;
    private final OperatorLog log;
    private final Clock clock;
    private final int batchLines;
    private final long lingerMs;
    private final int concurrency;
    private final List<TelemetryListener> listeners = new ArrayList<>();
    private Runnable room = () -> { };

    private List<ResilientWriter.Entry<Pending>> batch = new ArrayList<>();
    private int batchLineCount;
    private long lingerTimer = -1;
    private long batchStarted;
    private int writesRunning;
    /** Dead letters sent whose refusal is not yet in the batch: a drain waits for them, or their receipts are lost. */
    private int lettersInFlight;
    /** Closing: nothing new is taken ({@link #full}), what was taken is finished. */
    private boolean draining;
    private boolean closed;

    public IngestPipeline(Vertx vertx, Validator validator, OverwriteGuard guard, ResilientWriter writer, Acknowledger acks,
                          ReceiptBook receipts, CollectorMetrics metrics, OperatorLog log, Clock clock, int batchLines,
                          Duration linger,
                          int concurrency) {
        this.vertx = vertx;
        this.validator = validator;
        this.guard = guard;
        this.writer = writer;
        this.acks = acks;
        this.receipts = receipts;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.batchLines = batchLines;
        this.lingerMs = Math.max(1, linger.toMillis());
        this.concurrency = concurrency;
    }

    public void addListener(TelemetryListener l) {
        listeners.add(l);
    }

    /**
     * True while a full batch waits behind {@code concurrency} running writes: what arrives meanwhile should wait as
     * the bytes it came in (bounded by the in-flight budget) rather than be decoded, since a decoded reading with its
     * lines takes ten times its payload, and a collector whose MQTT side outruns InfluxDB otherwise holds every
     * message of its in-flight window decoded (a 1.5 GB heap and half-second GC pauses in the bench).
     */
    public boolean full() {
        return draining || writesRunning >= concurrency && batchLineCount >= batchLines;
    }

    /** Run on the event loop whenever a write has ended: the pipeline may have room again. */
    public void onRoom(Runnable r) {
        this.room = r;
    }

    /** Called on the event loop for every delivery. */
    public void accept(Delivery d) {
        metrics.received(d.payload().length);
        List<TelemetryBatch.Reading> readings;
        try {
            // a batch is read once, its readings decoded in the same pass; a v1 payload is its one reading
            readings = TelemetryBatch.read(d.topic(), d.payload());
        } catch (ContractViolation v) {
            reject(whole(d), 0, null, new Rejection(v.code(), v.getMessage()));
            return;
        } catch (RuntimeException e) {
            log.internalError("unexpected failure on " + d.topic(), e);
            reject(whole(d), 0, null, new Rejection("internal_error", "the collector failed on this message: " + e));
            return;
        }
        Open open = new Open(d, Topics.isBatch(d.topic()), readings.size());
        metrics.readings(open.readings);
        Topics.Address address = Topics.parseTelemetry(d.topic()).orElse(null); // once for all its readings
        long now = clock.millis();
        for (int i = 0; i < open.readings; i++) {
            TelemetryBatch.Reading reading = readings.get(i);
            try {
                process(open, i, reading, address, now);
            } catch (RuntimeException e) {
                // a bug of ours must not hold the message (and its in-flight slot) forever, nor stop the ones behind it
                log.internalError("unexpected failure on " + d.topic() + " reading " + i, e);
                reject(open, i, reading, new Rejection("internal_error",
                        "the collector failed on this " + (open.perReading ? "reading: " : "message: ") + e));
            }
        }
        flushWhenDue();
    }

    /** A message dead-lettered as it came (its envelope cannot be read): one letter settles it. */
    private static Open whole(Delivery d) {
        return new Open(d, false, 1);
    }

    /** One reading: rejected, or in the batch as its last step (so that a failure never leaves it in both). */
    private void process(Open open, int index, TelemetryBatch.Reading reading, Topics.Address address, long now) {
        Telemetry t = reading.telemetry();
        if (t == null) {
            ContractViolation v = reading.violation();
            reject(open, index, reading, new Rejection(v.code(), v.getMessage()));
            return;
        }
        Optional<Rejection> rejection = validator.check(address, open.delivery.topic(), t, now);
        if (rejection.isPresent()) {
            reject(open, index, reading, rejection.get());
            return;
        }
        String digest = ReadingDigest.of(t);
        enqueue(new Pending(open, index, reading, digest, null), TelemetryMapper.map(t, digest));
    }

    private void enqueue(Pending p, List<Sample> samples) {
        if (batch.isEmpty()) {
            batchStarted = System.nanoTime();
        }
        batch.add(new ResilientWriter.Entry<>(p, samples));
        batchLineCount += samples.size();
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

    /**
     * Dead-letters reading {@code index} of the message: with its own text and index when the message is a v2
     * batch, else (a v1 message, a v2 envelope that cannot be read, {@code reading} null) the message as it came.
     * A reading whose gateway is known ({@link Validator#identifiesTheGateway}) then has its refusal written to
     * {@code readings} and receipted, so that the gateway forgets it and an audit counts it.
     */
    private void reject(Open open, int index, TelemetryBatch.Reading reading, Rejection r) {
        Delivery d = open.delivery;
        metrics.deadLetter(r.code());
        Future<Void> sent;
        if (open.perReading) {
            // rate-limited per reason: a flood of bad payloads is a few lines and a count, not a line each
            log.deadLetter(r.code(), d.topic() + " reading " + index + " of " + open.readings + ": " + r.detail());
            sent = acks.deadLetter(d, reading.bytes(), index, open.readings, r.code(), r.detail());
        } else {
            log.deadLetter(r.code(), d.topic() + ": " + r.detail());
            sent = acks.deadLetter(d, r.code(), r.detail());
        }
        lettersInFlight++;
        sent.onComplete(ar -> lettersInFlight--);
        Telemetry t = reading == null ? null : reading.telemetry();
        if (t == null || !Validator.identifiesTheGateway(r.code())) {
            sent.onSuccess(v -> settle(open));
        } else if (r.code().equals("clock_skew") || r.code().equals("storage_rejected")) {
            // its time is outside what InfluxDB keeps (or InfluxDB refused its lines): the dead letter and the
            // receipt are its record
            sent.onSuccess(v -> {
                receipts.refused(t);
                settle(open);
            });
        } else {
            String digest = ReadingDigest.of(t);
            sent.onSuccess(v -> {
                enqueue(new Pending(open, index, reading, digest, r),
                        List.of(TelemetryMapper.reading(t, digest, StorageSchema.REFUSED, r.code())));
                flushWhenDue();
            });
        }
    }

    /** A reading of the message is stored or dead-lettered; the last one acknowledges the message. */
    private void settle(Open open) {
        if (--open.unsettled == 0) {
            acks.ack(open.delivery);
            metrics.acknowledged(open.delivery.payload().length);
        }
    }

    private void flush() {
        if (batch.isEmpty() || writesRunning >= concurrency || closed) {
            return; // a running write calls flush() again when it finishes
        }
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
        List<ResilientWriter.Entry<Pending>> taken = batch;
        batch = new ArrayList<>();
        batchLineCount = 0;
        writesRunning++;
        List<ResilientWriter.Entry<Pending>> readings = new ArrayList<>(taken.size());
        List<ResilientWriter.Entry<Pending>> toWrite = new ArrayList<>(taken.size());
        for (ResilientWriter.Entry<Pending> e : taken) {
            (e.item().refusal() == null ? readings : toWrite).add(e);
        }
        guard.screen(readings, e -> e.item().key()).compose(verdict -> {
            for (ResilientWriter.Entry<Pending> dup : verdict.duplicates()) {
                metrics.duplicate();
                stored(dup.item(), false);
            }
            for (OverwriteGuard.Conflict<ResilientWriter.Entry<Pending>> c : verdict.conflicts()) {
                Pending p = c.item().item();
                reject(p.open(), p.index(), p.reading(), new Rejection("ts_conflict", c.detail()));
            }
            toWrite.addAll(verdict.fresh());
            return writer.write(toWrite);
        }).onComplete(ar -> {
            writesRunning--;
            if (ar.succeeded()) {
                finish(toWrite, ar.result());
            } else {
                LOG.warn("write of {} readings failed; their messages stay unacknowledged (the broker redelivers them): {}",
                        taken.size(), ar.cause().getMessage());
            }
            // Only a batch that is full or old enough goes now: flushing whatever came in during the write made
            // batches a quarter of their size under load, and InfluxDB pays per request (docs/performance.md).
            flushWhenDue();
            room.run();
        });
    }

    /** The success branch of one reading: receipted, its message settled and (when written now) the listeners told. */
    private void stored(Pending p, boolean written) {
        receipts.stored(p.telemetry());
        settle(p.open());
        if (!written) {
            return;
        }
        metrics.stored(clock.millis() - p.telemetry().ts());
        for (TelemetryListener l : listeners) {
            try {
                l.stored(p.telemetry());
            } catch (RuntimeException ex) {
                LOG.error("listener failed on {}", p.open().delivery.topic(), ex);
            }
        }
    }

    private void finish(List<ResilientWriter.Entry<Pending>> written, List<ResilientWriter.Refused<Pending>> refused) {
        Set<Pending> notStored = Collections.newSetFromMap(new IdentityHashMap<>());
        refused.forEach(r -> notStored.add(r.item()));
        for (ResilientWriter.Entry<Pending> e : written) {
            Pending p = e.item();
            if (notStored.contains(p)) {
                continue;
            }
            if (p.refusal() != null) {
                refusedForGood(p);
            } else {
                stored(p, true);
            }
        }
        for (ResilientWriter.Refused<Pending> r : refused) {
            Pending p = r.item();
            if (p.refusal() != null) {
                // its dead letter is out; the audit line is what InfluxDB would not take
                LOG.warn("the refusal of {} seq {} ({}) could not be written to readings: {}", p.telemetry().device(),
                        p.telemetry().seq(), p.refusal().code(), r.detail());
                refusedForGood(p);
            } else {
                reject(p.open(), p.index(), p.reading(), new Rejection(r.code(), r.detail()));
            }
        }
    }

    private void refusedForGood(Pending p) {
        receipts.refused(p.telemetry());
        settle(p.open());
    }

    /**
     * Stops taking deliveries (they stay unacknowledged with the broker) and finishes what was taken: the batch is
     * written, and so are the refusals of readings whose dead letter is on its way, so that each is receipted before
     * the collector leaves rather than sent again by its gateway. Completes when nothing is left, or at the timeout.
     */
    public Future<Void> drain(Duration timeout) {
        draining = true;
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        flush();
        vertx.setPeriodic(20, id -> {
            flush(); // whatever a dead letter's success added meanwhile
            boolean finished = writesRunning == 0 && lettersInFlight == 0 && batch.isEmpty();
            if (finished || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                closed = true;
                done.tryComplete();
            }
        });
        return done.future();
    }
}
