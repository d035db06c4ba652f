package org.yangguang.collector.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.ingest.Acknowledger;
import org.yangguang.collector.ingest.Backoff;
import org.yangguang.collector.ingest.Delivery;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.DeviceNameplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps the devices' nameplates that gateways publish retained on {@code yangguang/v1/device/{station}/{device}},
 * and records a swap when a device's serial number changes (contract {@code Nameplate.isSwapFrom}), dated by the
 * new unit's first reading. Every collector of a group receives every nameplate (the subscription is not shared,
 * and retained ones arrive again after each connect): what is stored already is left alone, and what two
 * collectors write is the same point, so any number of them may do it. A message that breaks the contract is
 * dead-lettered and counted, as telemetry is; one InfluxDB cannot take now is retried until it can.
 */
public final class NameplateIngest {
    private static final Logger LOG = LoggerFactory.getLogger(NameplateIngest.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final DeviceRecords records;
    private final Acknowledger deadLetters;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final Consumer<Swap> onSwap;
    private final Counter stored;
    private final Counter swaps;

    public NameplateIngest(Vertx vertx, WorkerExecutor worker, DeviceRecords records, Acknowledger deadLetters,
                           CollectorMetrics metrics, Clock clock, Consumer<Swap> onSwap) {
        this.vertx = vertx;
        this.worker = worker;
        this.records = records;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.onSwap = onSwap;
        MeterRegistry registry = metrics.registry();
        this.stored = Counter.builder("yangguang_collector_nameplates_stored").description(
                "device nameplates stored (a new device, a swap, a firmware upgrade)").register(registry);
        this.swaps = Counter.builder("yangguang_collector_swaps").description(
                "inverter swaps recorded (another serial number at a device)").register(registry);
    }

    /** A message from the device topic; on the event loop. Completes when it is stored (or known) or dead-lettered. */
    public Future<Void> accept(String topic, byte[] payload) {
        DeviceNameplate n;
        try {
            n = DeviceNameplate.decode(topic, payload);
        } catch (ContractViolation v) {
            LOG.warn("nameplate on {} rejected ({}): {}", topic, v.code(), v.getMessage());
            metrics.deadLetter(v.code());
            return deadLetters.deadLetter(new Delivery(topic, payload, 0, 0, clock.millis()), v.code(), v.getMessage());
        }
        Promise<Void> done = Promise.promise();
        store(n, 0, done);
        return done.future();
    }

    /**
     * Stores on the worker, retrying with back-off while InfluxDB fails: a swap whose nameplate were dropped would
     * count the new unit's counter jump as production until the gateway's next connect, which may be days away.
     */
    private void store(DeviceNameplate n, int attempt, Promise<Void> done) {
        // ordered: two messages of one device (a retained one and its successor) are judged in arrival order
        worker.<Swap>executeBlocking(() -> keep(n), true).onComplete(ar -> {
            if (ar.succeeded()) {
                if (ar.result() != null) {
                    onSwap.accept(ar.result());
                }
                done.complete();
                return;
            }
            Duration delay = BACKOFF.delay(attempt, null);
            if (attempt == 0 || attempt % 20 == 0) {
                LOG.warn("nameplate of {}/{} not stored yet ({}); retrying every {} s at most", n.station(), n.device(),
                        ar.cause().getMessage(), BACKOFF.max().toSeconds());
            }
            vertx.setTimer(delay.toMillis(), id -> store(n, attempt + 1, done));
        });
    }

    /** Stores the nameplate unless it is known; returns the swap it reveals, or null. */
    private Swap keep(DeviceNameplate n) throws Exception {
        DeviceRecords.Stored before = records.at(n.station(), n.device(), n.ts());
        if (before != null && before.ts() == n.ts()) {
            if (before.nameplate().equals(n.nameplate())) {
                return null; // a reconnect's retained message, a redelivery, another collector's work
            }
            before = records.at(n.station(), n.device(), n.ts() - 1);
        }
        records.write(n);
        stored.increment();
        if (before == null || !n.nameplate().isSwapFrom(before.nameplate())) {
            LOG.info("device {}/{} nameplate from {}: {}", n.station(), n.device(), Instant.ofEpochMilli(n.ts()),
                    n.nameplate().fields());
            return null;
        }
        Swap swap = new Swap(n.station(), n.device(), n.ts(), before.nameplate().serial(), n.nameplate().serial(),
                before.nameplate().get("model"), n.nameplate().get("model"), n.gateway());
        records.write(swap);
        swaps.increment();
        LOG.warn("inverter swap at {}/{} at {}: serial {} ({}) replaced by {} ({}); energy across it is counted per unit",
                n.station(), n.device(), Instant.ofEpochMilli(n.ts()), swap.oldSerial(), swap.oldModel(),
                swap.newSerial(), swap.newModel());
        return swap;
    }
}
