package org.yangguang.gateway.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.gateway.buffer.BufferedRecord;
import org.yangguang.gateway.buffer.DiskBuffer;
import org.yangguang.gateway.mqtt.MqttUplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Turns polled readings into stored ones on its own thread: encodes what was handed over since its last turn,
 * appends it to the {@link DiskBuffer} in one write (the buffer assigns sequence numbers) and hands it to the
 * {@link MqttUplink}. The poll threads only hand readings over, so a slow disk (an SD card erasing a block stalls
 * a write for 100 ms and more) never shifts the timing of a Modbus bus, and on a fast device the next read
 * overlaps this one's storing. While readings keep coming the thread naps between turns instead of being woken
 * for each: a wake-up costs both threads more than storing a reading does (docs/performance.md).
 *
 * <p>Readings are stored in the order they were handed over. A reading is on disk before it can be published;
 * one that was polled but not yet appended when the process dies is lost like a poll that never happened
 * (the device's counters carry the energy, so the next reading has it). The queue is bounded: when the disk
 * stalls for longer than {@value #MAX_QUEUED} readings take to poll, pollers wait rather than lose readings.
 */
public final class StoreStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStage.class);
    static final int MAX_QUEUED = 10_000;
    /** Readings stored in one write at most: bounds the write's size (and what one failed write costs). */
    private static final int MAX_BATCH = 500;
    static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A turn that starts this soon after the last one ended means readings are coming fast. */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** A reading to store: {@code build} makes its telemetry for the sequence number the buffer assigns. */
    private record Pending(String topic, LongFunction<Telemetry> build, CompletableFuture<Telemetry> done) {
    }

    private final DiskBuffer buffer;
    private final MqttUplink uplink;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Where pollers wait while the queue is full (the disk stalls); rarely used, so a plain monitor. */
    private final Object room = new Object();
    private final Thread thread;
    /** Set by the store thread before it parks; a submit that sees it unparks the thread. */
    private volatile boolean sleeping;
    private volatile boolean running = true;
    private volatile long failed;

    public StoreStage(DiskBuffer buffer, MqttUplink uplink, String name) {
        this.buffer = buffer;
        this.uplink = uplink;
        this.thread = new Thread(this::run, "store-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a reading; the future completes with the stored telemetry (or the reason it could not be stored). */
    public CompletableFuture<Telemetry> submit(String topic, LongFunction<Telemetry> build) {
        CompletableFuture<Telemetry> done = new CompletableFuture<>();
        if (queued.get() >= MAX_QUEUED) {
            synchronized (room) {
                while (queued.get() >= MAX_QUEUED && running) {
                    try {
                        room.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        done.completeExceptionally(e);
                        return done;
                    }
                }
            }
        }
        if (!running) {
            done.completeExceptionally(new IllegalStateException("gateway is stopping"));
            return done;
        }
        queue.add(new Pending(topic, build, done));
        queued.incrementAndGet();
        // A wake-up only when the thread sleeps: while it is storing it finds this reading on its next turn.
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        long lastTurnEnded = System.nanoTime() - BUSY_NANOS;
        while (true) {
            Pending p = queue.poll();
            if (p == null) {
                if (!running && queue.isEmpty()) {
                    return;
                }
                // Announce the sleep, then look once more: a submit between the poll above and the flag would
                // otherwise not wake us.
                sleeping = true;
                if (queue.isEmpty() && running) {
                    LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                }
                sleeping = false;
                continue;
            }
            do {
                batch.add(p);
            } while (batch.size() < MAX_BATCH && (p = queue.poll()) != null);
            if (queued.getAndAdd(-batch.size()) >= MAX_QUEUED) {
                synchronized (room) {
                    room.notifyAll();
                }
            }
            long started = System.nanoTime();
            store(batch);
            batch.clear();
            boolean busy = started - lastTurnEnded < BUSY_NANOS;
            lastTurnEnded = System.nanoTime();
            if (busy && running) {
                // Readings keep coming: nap instead of being woken per reading. Those polled meanwhile are found on
                // the next turn and stored in one write; a submit does not unpark a napping thread. At a station's
                // usual pace (a reading every few hundred ms) the thread just sleeps until the next one.
                LockSupport.parkNanos(NAP_NANOS);
            }
        }
    }

    private void store(List<Pending> batch) {
        Telemetry[] built = new Telemetry[batch.size()];
        RuntimeException[] problems = new RuntimeException[batch.size()];
        List<DiskBuffer.Entry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int n = i;
            Pending p = batch.get(i);
            entries.add(new DiskBuffer.Entry(p.topic(), seq -> {
                try {
                    built[n] = p.build().apply(seq);
                    return TelemetryCodec.encode(built[n]);
                } catch (RuntimeException e) {
                    problems[n] = e; // this reading only: the others in the batch are stored
                    return null;
                }
            }));
        }
        BufferedRecord[] stored;
        try {
            stored = buffer.appendAll(entries);
        } catch (RuntimeException e) {
            failed += batch.size();
            // Disk full or gone: the operator sees it here and in the stats; polling goes on.
            LOG.error("cannot store {} readings (first for {})", batch.size(), batch.get(0).topic(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        uplink.offerAll(stored);
        for (int i = 0; i < batch.size(); i++) {
            if (stored[i] != null) {
                batch.get(i).done().complete(built[i]);
            } else {
                failed++;
                LOG.error("cannot encode reading for {}", batch.get(i).topic(), problems[i]);
                batch.get(i).done().completeExceptionally(problems[i]);
            }
        }
    }

    /** Readings that could not be stored (disk full, buffer directory gone). */
    public long failed() {
        return failed;
    }

    /** Stores what is queued, then stops the thread. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        synchronized (room) {
            room.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
