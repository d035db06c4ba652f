package org.yangguang.gateway.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.gateway.buffer.BufferedRecord;
import org.yangguang.gateway.buffer.DiskBuffer;
import org.yangguang.gateway.mqtt.MqttUplink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Turns polled readings into stored ones on its own thread: encodes each, appends it to the {@link DiskBuffer}
 * (which assigns its sequence number) and hands it to the {@link MqttUplink}. The poll threads only hand
 * readings over, so a slow disk (an SD card erasing a block stalls a write for 100 ms and more) never shifts
 * the timing of a Modbus bus, and on a fast device the next read overlaps this one's storing.
 *
 * <p>Readings are stored in the order they were handed over. A reading is on disk before it can be published;
 * one that was polled but not yet appended when the process dies is lost like a poll that never happened
 * (the device's counters carry the energy, so the next reading has it). The queue is bounded: when the disk
 * stalls for longer than {@value #MAX_QUEUED} readings take to poll, pollers wait rather than lose readings.
 */
public final class StoreStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStage.class);
    static final int MAX_QUEUED = 10_000;
    /**
     * After draining, how long the thread keeps looking (every 50 µs) before it sleeps and must be woken. While
     * readings come fast (a loopback bench, a logger with many devices) they are picked up without a signal
     * per reading, which cost the poll thread ~10 µs each (docs/performance.md); at a station's usual two
     * readings a second it is forty short wake-ups a second.
     */
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A reading to store: {@code build} makes its telemetry for the sequence number the buffer assigns. */
    private record Pending(String topic, LongFunction<Telemetry> build, CompletableFuture<Telemetry> done) {
    }

    private final DiskBuffer buffer;
    private final MqttUplink uplink;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread thread;
    private boolean sleeping;
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
        synchronized (lock) {
            while (queue.size() >= MAX_QUEUED && running) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(e);
                    return done;
                }
            }
            if (!running) {
                done.completeExceptionally(new IllegalStateException("gateway is stopping"));
                return done;
            }
            queue.add(new Pending(topic, build, done));
            if (sleeping) {
                sleeping = false;
                lock.notifyAll();
            }
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        long idleSince = System.nanoTime();
        while (true) {
            synchronized (lock) {
                if (queue.isEmpty()) {
                    if (!running) {
                        return;
                    }
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        batch.clear();
                    } else {
                        sleeping = true;
                        try {
                            lock.wait(1000);
                        } catch (InterruptedException e) {
                            // close() interrupts only after running = false; the loop drains and returns
                        }
                        sleeping = false;
                        continue;
                    }
                } else {
                    boolean wasFull = queue.size() >= MAX_QUEUED;
                    while (!queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                    if (wasFull) {
                        lock.notifyAll();
                    }
                }
            }
            if (batch.isEmpty()) {
                Thread.onSpinWait();
                LockSupport.parkNanos(50_000);
                continue;
            }
            for (Pending p : batch) {
                store(p);
            }
            batch.clear();
            idleSince = System.nanoTime();
        }
    }

    private void store(Pending p) {
        try {
            Telemetry[] built = new Telemetry[1];
            BufferedRecord rec = buffer.append(p.topic(), seq -> {
                built[0] = p.build().apply(seq);
                return TelemetryCodec.encode(built[0]);
            });
            uplink.offer(rec);
            p.done().complete(built[0]);
        } catch (RuntimeException e) {
            failed++;
            // Disk full or gone: the operator sees it here and in the stats; polling goes on.
            LOG.error("cannot store reading for {}", p.topic(), e);
            p.done().completeExceptionally(e);
        }
    }

    /** Readings that could not be stored (disk full, buffer directory gone). */
    public long failed() {
        return failed;
    }

    /** Stores what is queued, then stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
