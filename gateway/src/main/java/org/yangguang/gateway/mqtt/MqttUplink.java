package org.yangguang.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.buffer.BufferedRecord;
import org.yangguang.gateway.buffer.DiskBuffer;
import org.yangguang.gateway.config.MqttConfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves readings from the {@link DiskBuffer} to the broker at QoS 1 and advances the buffer only on PUBACK. Each
 * message is a batch of one device's readings (contract v2, {@link TelemetryBatch}): a burst of live readings or a
 * stretch of replayed backlog goes out in as few messages as {@code maxBatch} allows.
 *
 * <p>One worker thread owns the connection: it connects (with exponential back-off and jitter, so a village of
 * gateways does not reconnect in step after a tower comes back), publishes the retained "online" status
 * (the last will says "offline"), then forwards. Readings appended while connected go out at once ("live");
 * everything older than the connection ("backlog", e.g. hours of a 4G outage) is replayed oldest-first at
 * {@code replayRate} per second, interleaved with live data so the dashboards see the present while the past
 * trickles in. After any failure the worker rewinds to the first unacknowledged reading: delivery is
 * at-least-once, and {@code seq} lets the collector drop duplicates.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final int LIVE_QUEUE_MAX = 10_000;
    /** A message's payload at most: well under the collector's limit and any broker's usual message size limit. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final MqttConfig config;
    private final String station;
    private final String gatewayId;
    private final DiskBuffer buffer;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<BufferedRecord> live = new ArrayDeque<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    /** v2 topic per buffered topic: a station has a handful of devices. */
    private final java.util.Map<String, String> batchTopics = new java.util.HashMap<>();
    private final Thread worker;
    private final javax.net.ssl.SSLSocketFactory tls;
    private final AtomicLong refused = new AtomicLong();
    private final RetainedMessages retained = new RetainedMessages();
    /** Refusals since the last acknowledged reading: one warning per streak, not one per retry. */
    private final AtomicLong refusedStreak = new AtomicLong();
    private MqttAsyncClient client;
    private volatile boolean connected;
    private volatile boolean running = true;
    private volatile boolean rewind;
    /** Readings with seq >= liveFrom go through the live queue; older ones are backlog. */
    private long liveFrom = Long.MAX_VALUE;
    private long backlogAfter;
    private double replayTokens;
    private long lastRefillNanos = System.nanoTime();
    private long lastStatusMillis;
    private long oldestLiveNanos;
    /** The worker sleeps with nothing to send: the next offer wakes it. */
    private boolean workerIdle;
    private volatile boolean waitingForRoom;
    private volatile int drainWaiters;
    private volatile long connects;
    private long failedConnects;

    public MqttUplink(MqttConfig config, String station, String gatewayId, DiskBuffer buffer, Clock clock) {
        this.config = config;
        this.station = station;
        this.gatewayId = gatewayId;
        this.buffer = buffer;
        this.clock = clock;
        // Unreadable or mismatched PEM files stop start-up with what is wrong, instead of surfacing as a
        // connect failure every few seconds on the uplink thread.
        this.tls = config.tls() == null ? null : TlsSockets.from(config.tls());
        this.worker = new Thread(this::run, "mqtt-uplink-" + gatewayId);
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /** Called after readings were appended to the buffer, in sequence order; null entries were not stored. */
    public void offerAll(BufferedRecord[] records) {
        synchronized (lock) {
            if (!connected) {
                return; // the backlog reader finds them on disk after the next connect
            }
            for (BufferedRecord r : records) {
                if (r == null || r.seq() < liveFrom) {
                    continue;
                }
                if (live.size() < LIVE_QUEUE_MAX) {
                    if (live.isEmpty()) {
                        oldestLiveNanos = System.nanoTime();
                    }
                    live.add(r);
                } else {
                    // Broker slower than the polls: let the backlog reader take over from disk.
                    live.clear();
                    liveFrom = r.seq() + 1;
                }
            }
            // Wake the worker only when it sleeps with nothing to send; while it lingers or publishes it
            // will find these readings anyway, and a wake-up per reading would cost a context switch each.
            if (workerIdle && !live.isEmpty()) {
                workerIdle = false;
                lock.notifyAll();
            }
        }
    }

    public boolean isConnected() {
        return connected;
    }

    /**
     * Publishes {@code payload} retained on {@code topic} (a device's nameplate) as soon as the broker is reachable,
     * and again after every reconnect; a later payload for the topic replaces one not yet sent.
     */
    public void retain(String topic, byte[] payload) {
        retained.put(topic, payload);
        synchronized (lock) {
            if (workerIdle) {
                lock.notifyAll();
            }
        }
    }

    /** Times the uplink has (re)connected, for tests and metrics. */
    public long connects() {
        return connects;
    }

    public long published() {
        return published.get();
    }

    public long acked() {
        return acked.get();
    }

    /** MQTT messages published (each a batch of one device's readings). */
    public long messages() {
        return messages.get();
    }

    /** Publishes the broker answered with a failure reason (e.g. 0x87 not authorized by its ACL). */
    public long refused() {
        return refused.get();
    }

    /**
     * Blocks until the broker acknowledged everything in the buffer, or the timeout passes. Live readings stop
     * lingering meanwhile (like a producer's flush), so a caller waiting here never waits out the linger.
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            drainWaiters++;
            lock.notifyAll();
            try {
                while (buffer.pending() > 0 || inflight.get() > 0) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    lock.wait(Math.max(1, Math.min(50, left / 1_000_000)));
                }
            } finally {
                drainWaiters--;
            }
        }
        return true;
    }

    private void run() {
        long backoffMs = 500;
        while (running) {
            try {
                if (!connected) {
                    if (connect()) {
                        backoffMs = 500;
                    } else {
                        long max = config.maxReconnectDelay().toMillis();
                        long sleep = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
                        backoffMs = Math.min(max, backoffMs * 2);
                        waitFor(sleep);
                    }
                    continue;
                }
                forwardOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("uplink worker error; rewinding", e);
                rewind = true;
                try {
                    waitFor(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private boolean connect() {
        try {
            if (client == null) {
                client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
                client.setCallback(new Callback());
            }
            MqttConnectionOptions o = new MqttConnectionOptions();
            // The disk buffer is the session: a clean start avoids the broker and Paho replaying in-flight
            // messages on their own next to our replay.
            o.setCleanStart(true);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout(10);
            o.setKeepAliveInterval(30);
            if (config.username() != null) {
                o.setUserName(config.username());
            }
            if (config.password() != null) {
                o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
            }
            if (config.tls() != null) {
                o.setSocketFactory(tls);
            } else if (config.url().startsWith("tcp://")) {
                o.setSocketFactory(org.yangguang.contract.BufferedSocketFactory.get());
            }
            MqttMessage will = new MqttMessage(GatewayStatus.offline(station, gatewayId, clock.millis()).encode(), 1, true, null);
            o.setWill(Topics.status(station, gatewayId), will);
            client.connect(o).waitForCompletion(15_000);
            failedConnects = 0;
            synchronized (lock) {
                connected = true;
                connects++;
                rewindLocked();
                lock.notifyAll();
            }
            publishStatus();
            retained.resendAll();
            publishRetained();
            LOG.info("connected to {} as {}; {} readings buffered", config.url(), config.clientId(), buffer.pending());
            return true;
        } catch (MqttException e) {
            failedConnects++;
            // One warning per outage, then quiet: a 4G link can be down for hours.
            if (failedConnects == 1 || failedConnects % 100 == 0) {
                LOG.warn("cannot connect to {} ({} attempts): {}; buffering {} readings", config.url(), failedConnects,
                        e.toString(), buffer.pending());
            }
            return false;
        }
    }

    private void publishStatus() throws MqttException {
        GatewayStatus s = GatewayStatus.online(station, gatewayId, clock.millis(), buffer.pending(), buffer.dropped());
        client.publish(Topics.status(station, gatewayId), s.encode(), 1, true);
        lastStatusMillis = System.currentTimeMillis();
    }

    private void publishRetained() {
        try {
            retained.publish(client);
        } catch (MqttException e) {
            LOG.debug("retained publish failed; sent again after the next connect: {}", e.toString());
        }
    }

    private void rewindLocked() {
        live.clear();
        liveFrom = buffer.nextSeq();
        backlogAfter = buffer.ackedUpTo();
        rewind = false;
    }

    /**
     * Sends one burst: every live reading that has lingered long enough (or all of them when someone waits
     * for the buffer to drain), then backlog readings as the replay rate allows, within the in-flight limit.
     */
    private void forwardOnce() throws InterruptedException {
        if (retained.pending()) {
            publishRetained();
        }
        List<BufferedRecord> burst = new ArrayList<>();
        synchronized (lock) {
            if (rewind) {
                rewindLocked();
            }
            int room = config.maxInflight() - inflight.get();
            if (room <= 0) {
                waitingForRoom = true;
                try {
                    lock.wait(50);
                } finally {
                    waitingForRoom = false;
                }
                return;
            }
            if (!live.isEmpty()) {
                long lingerLeft = config.linger().toNanos() - (System.nanoTime() - oldestLiveNanos);
                if (lingerLeft > 0 && drainWaiters == 0 && live.size() < room) {
                    lock.wait(Math.max(1, lingerLeft / 1_000_000));
                    return;
                }
                while (burst.size() < room && !live.isEmpty()) {
                    burst.add(live.poll());
                }
                oldestLiveNanos = System.nanoTime();
            }
            int replay = Math.min(room - burst.size(), replayTokens());
            // Replay in steps of a tenth of a second's worth (at most a batch), not a reading per token as the
            // bucket refills: the backlog then goes in batches too, at the same rate.
            int step = Math.min(config.maxBatch(), Math.max(1, config.replayRate() / 10));
            if (replay < step && replay < liveFrom - 1 - backlogAfter && replay < room - burst.size()) {
                replay = 0;
            }
            if (replay > 0 && replayPending()) {
                List<BufferedRecord> b = buffer.readAfter(backlogAfter, liveFrom, replay);
                if (b.isEmpty()) {
                    backlogAfter = liveFrom - 1;
                } else {
                    replayTokens -= b.size();
                    backlogAfter = b.get(b.size() - 1).seq();
                    burst.addAll(b);
                }
            }
            if (burst.isEmpty()) {
                workerIdle = true;
                try {
                    // Nothing to send: an offer, a disconnect, a failed publish or close() wakes us; only the replay's
                    // token bucket needs a clock. An idle gateway wakes once a second, not twenty times.
                    lock.wait(replayPending() ? 5 : 1000);
                } finally {
                    workerIdle = false;
                }
                return;
            }
            inflight.addAndGet(burst.size());
        }
        if (System.currentTimeMillis() - lastStatusMillis > 60_000) {
            try {
                publishStatus();
            } catch (MqttException e) {
                LOG.debug("status publish failed", e);
            }
        }
        List<List<BufferedRecord>> batches = batches(burst);
        for (int i = 0; i < batches.size(); i++) {
            if (rewind) {
                // A publish failed: the rest of the burst goes again after the rewind, not out of order now.
                inflight.addAndGet(-batches.subList(i, batches.size()).stream().mapToInt(List::size).sum());
                break;
            }
            publish(batches.get(i));
        }
    }

    /**
     * The burst as messages: each device's readings in their order, at most {@code maxBatch} readings and
     * {@link #MAX_BATCH_BYTES} a message as {@link TelemetryBatch#encode} lays it out (a single larger reading
     * goes alone).
     */
    private List<List<BufferedRecord>> batches(List<BufferedRecord> burst) {
        java.util.Map<String, OpenBatch> open = new java.util.LinkedHashMap<>();
        List<List<BufferedRecord>> out = new ArrayList<>();
        for (BufferedRecord r : burst) {
            OpenBatch b = open.get(r.topic());
            if (b != null && !b.takes(r, config.maxBatch())) {
                out.add(b.records);
                b = null;
            }
            if (b == null) {
                b = new OpenBatch();
                open.put(r.topic(), b);
            }
            b.add(r);
        }
        open.values().forEach(b -> out.add(b.records));
        return out;
    }

    /** A device's message being filled: its readings and their payload bytes. */
    private static final class OpenBatch {
        final List<BufferedRecord> records = new ArrayList<>();
        int payloadBytes;

        boolean takes(BufferedRecord r, int maxBatch) {
            return records.size() < maxBatch
                    && payloadBytes + r.payload().length + TelemetryBatch.overhead(records.size() + 1) <= MAX_BATCH_BYTES;
        }

        void add(BufferedRecord r) {
            records.add(r);
            payloadBytes += r.payload().length;
        }
    }

    /** The v2 topic for a buffered reading's topic: readings stored before contract v2 hold their v1 topic. */
    private String batchTopic(String recordTopic) {
        return batchTopics.computeIfAbsent(recordTopic, t -> Topics.parseTelemetry(t)
                .map(a -> Topics.telemetryBatch(a.station(), a.device()))
                .orElseThrow(() -> new IllegalStateException("buffered reading with topic " + t + " is not telemetry")));
    }

    private boolean replayPending() {
        return backlogAfter + 1 < liveFrom;
    }

    /** Whole replay tokens available now (a token bucket of {@code replayRate} per second, one second deep). */
    private int replayTokens() {
        long now = System.nanoTime();
        replayTokens = Math.min(config.replayRate(), replayTokens + (now - lastRefillNanos) * config.replayRate() / 1e9);
        lastRefillNanos = now;
        return (int) replayTokens;
    }

    private void publish(List<BufferedRecord> batch) {
        BufferedRecord first = batch.get(0);
        List<byte[]> payloads = new ArrayList<>(batch.size());
        for (BufferedRecord r : batch) {
            payloads.add(r.payload());
        }
        String topic = batchTopic(first.topic());
        try {
            client.publish(topic, TelemetryBatch.encode(payloads), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        refused.incrementAndGet();
                        long streak = refusedStreak.incrementAndGet();
                        if (streak == 1 || streak % 1000 == 0) {
                            // 0x87 is the broker's ACL: the readings stay buffered and are retried, never dropped.
                            LOG.warn("broker refused readings {} on {} with reason 0x{} ({} refusals in a row); "
                                    + "they stay in the buffer and are retried", seqs(batch), topic,
                                    Integer.toHexString(codes[0]), streak);
                        }
                        onFailure(token, new IllegalStateException("broker refused " + seqs(batch) + " with reason " + codes[0]));
                        return;
                    }
                    refusedStreak.set(0);
                    for (BufferedRecord r : batch) {
                        buffer.ack(r.seq());
                    }
                    acked.addAndGet(batch.size());
                    done(batch.size());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.debug("publish of {} failed: {}", seqs(batch), e.toString());
                    rewind = true;
                    done(batch.size());
                }
            });
            published.addAndGet(batch.size());
            messages.incrementAndGet();
        } catch (MqttException e) {
            LOG.debug("publish of {} not accepted: {}", seqs(batch), e.toString());
            rewind = true;
            done(batch.size());
            if (e.getReasonCode() == 32202 /* too many publishes in progress */) {
                try {
                    waitFor(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** "seq 7" or "seq 7..42", for messages about a batch (built only when one is written). */
    private static String seqs(List<BufferedRecord> batch) {
        long first = batch.get(0).seq();
        long last = batch.get(batch.size() - 1).seq();
        return first == last ? "seq " + first : "seq " + first + ".." + last;
    }

    private void done(int readings) {
        int left = inflight.addAndGet(-readings);
        // Called on the MQTT client's callback thread for every PUBACK: wake the worker only when it waits for
        // room, and drain waiters only when the last one is in, not once per acknowledgement.
        if (waitingForRoom || rewind || drainWaiters > 0 && left == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Waits {@code ms} (new readings do not cut it short; close() does, by interrupting the worker). */
    private void waitFor(long ms) throws InterruptedException {
        if (running) {
            Thread.sleep(Math.max(1, ms));
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
            LOG.warn("disconnected from {}: {}", config.url(), r);
            synchronized (lock) {
                connected = false;
                live.clear();
                liveFrom = Long.MAX_VALUE;
                inflight.set(0);
                lock.notifyAll();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("mqtt error: {}", e.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the gateway subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acks are handled per publish
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // handled by connect()
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced auth
        }
    }

    /** Publishes the retained "offline" status (clean shutdown) and disconnects. */
    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.publish(Topics.status(station, gatewayId),
                            GatewayStatus.offline(station, gatewayId, clock.millis()).encode(), 1, true)
                            .waitForCompletion(5_000);
                    client.disconnect().waitForCompletion(5_000);
                }
            } catch (MqttException e) {
                LOG.warn("clean disconnect failed: {}", e.toString());
            }
            try {
                client.close();
            } catch (MqttException e) {
                LOG.debug("close failed", e);
            }
        }
    }
}
