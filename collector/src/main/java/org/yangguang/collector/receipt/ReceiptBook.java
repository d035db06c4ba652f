package org.yangguang.collector.receipt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What this collector owes each gateway: the sequence numbers it stored (the InfluxDB write answered 2xx, or the
 * same reading was there already) or refused for good (dead-lettered), sent as one {@link Receipt} per gateway at
 * most every {@code linger}, on the gateway's own receipt topic. Only a receipt lets a gateway delete a reading, so
 * a reading is named here only after its write succeeded: the ingest calls {@link #stored} on the success branch
 * and nowhere else. A receipt that does not reach the gateway costs a resend of its readings, which come back as
 * duplicates and are receipted again. Confined to the event loop.
 */
public final class ReceiptBook {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptBook.class);

    /** The station/gateway's readings not yet receipted. */
    private static final class Owed {
        final String station;
        final String gateway;
        final SeqRanges stored = new SeqRanges();
        final SeqRanges refused = new SeqRanges();

        Owed(String station, String gateway) {
            this.station = station;
            this.gateway = gateway;
        }
    }

    private final Vertx vertx;
    private final BiFunction<String, byte[], Future<Void>> publish;
    private final String collector;
    private final Clock clock;
    private final long lingerMs;
    private final CollectorMetrics metrics;
    private Map<String, Owed> owed = new LinkedHashMap<>();
    private long timer = -1;

    /**
     * @param publish sends a payload at QoS 1 to a topic; its future completes when the broker has it
     * @param collector this collector's client id, named in each receipt for the gateway's log
     */
    public ReceiptBook(Vertx vertx, BiFunction<String, byte[], Future<Void>> publish, String collector, Clock clock,
                       Duration linger, CollectorMetrics metrics) {
        this.vertx = vertx;
        this.publish = publish;
        this.collector = collector;
        this.clock = clock;
        this.lingerMs = Math.max(1, linger.toMillis());
        this.metrics = metrics;
    }

    /**
     * Runs the bookkeeping and a flush once on the caller's thread: the first run links string concatenations and
     * lambdas for a few hundred milliseconds, past the event loop's blocked-thread limit.
     */
    public static void warmUp(Telemetry t) {
        ReceiptBook book = new ReceiptBook(null, (topic, payload) -> Future.succeededFuture(), "warm-up", Clock.systemUTC(),
                Duration.ofMillis(1), new CollectorMetrics());
        book.owe(t).stored.add(t.seq());
        book.owe(t).refused.add(t.seq() + 1);
        book.flush();
    }

    /** Reading {@code t} is in InfluxDB. */
    public void stored(Telemetry t) {
        owe(t).stored.add(t.seq());
        schedule();
    }

    /** Reading {@code t} will never be stored; its dead letter has reached the broker. */
    public void refused(Telemetry t) {
        Owed o = owe(t);
        if (!o.stored.contains(t.seq())) { // stored once already (a duplicate refused later): stored it stays
            o.refused.add(t.seq());
        }
        schedule();
    }

    private Owed owe(Telemetry t) {
        return owed.computeIfAbsent(t.station() + "/" + t.gateway(), k -> new Owed(t.station(), t.gateway()));
    }

    private void schedule() {
        if (timer < 0) {
            timer = vertx.setTimer(lingerMs, id -> {
                timer = -1;
                flush();
            });
        }
    }

    /** Sends what is owed now. */
    public void flush() {
        if (owed.isEmpty()) {
            return;
        }
        Map<String, Owed> due = owed;
        owed = new LinkedHashMap<>();
        long now = clock.millis();
        for (Owed o : due.values()) {
            o.refused.removeAll(o.stored);
            Receipt r = Receipt.of(o.station, o.gateway, collector, now, o.stored, o.refused);
            publish.apply(Topics.receipt(o.station, o.gateway), r.encode())
                    .onSuccess(v -> metrics.receiptSent())
                    .onFailure(e -> LOG.debug("receipt to {} not sent ({}): its readings come again and are receipted then",
                            o.gateway, e.getMessage()));
        }
    }
}
