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
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves readings from the {@link DiskBuffer} to the broker at QoS 1 and lets the buffer forget a reading only when a
 * collector's receipt names it stored or refused (docs/mqtt-contract.md, "Receipts"). Each message is a batch of one
 * device's readings (contract v2, {@link TelemetryBatch}).
 *
 * <p>One worker thread owns the connection: it connects (with {@link ReconnectBackoff}), subscribes to its own
 * receipt topic, publishes the retained "online" status (the last will says "offline"), then forwards. A reading goes
 * out one of two ways: live (appended while connected: at once, after at most {@code linger}), or replayed from disk
 * at {@code replayRate} oldest first ({@link ReplayPacer}), interleaved with live data so the dashboards see the
 * present while the past trickles in. Replayed are: everything older than the connection (hours of a 4G outage), what
 * the broker refused or failed to take, and what the broker took but no receipt has named within the receipt timeout
 * ({@link ReceiptWait}) — a restarted or killed broker, or a rogue subscriber, then costs time, never readings.
 * Delivery is at-least-once; collectors recognise a reading they have by its device, time and sequence number.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final int LIVE_QUEUE_MAX = 10_000;

    private final MqttConfig config;
    private final String station;
    private final String gatewayId;
    private final String receiptTopic;
    private final DiskBuffer buffer;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<BufferedRecord> live = new ArrayDeque<>();
    /** Readings to send at the replay pace, oldest first (guarded by lock). */
    private final SeqRanges due = new SeqRanges();
    private final ReceiptWait receiptWait;
    private final ReplayPacer pacer;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong refusedByCollector = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    /** v2 topic per buffered topic: a station has a handful of devices. */
    private final Map<String, String> batchTopics = new HashMap<>();
    private final Thread worker;
    private final javax.net.ssl.SSLSocketFactory tls;
    private final ReconnectBackoff reconnects;
    private final AtomicLong refused = new AtomicLong();
    private final RetainedMessages retained = new RetainedMessages();
    /** Refusals since the last acknowledged reading: one warning per streak, not one per retry. */
    private final AtomicLong refusedStreak = new AtomicLong();
    private final AtomicLong badReceipts = new AtomicLong();
    private MqttAsyncClient client;
    private volatile boolean connected;
    private volatile boolean running = true;
    /** Readings with seq >= liveFrom go through the live queue; older ones are replayed. */
    private long liveFrom = Long.MAX_VALUE;
    /** The highest sequence number handed to the live queue or to {@link #due}: every one below it has its way out. */
    private long highestHandled;
    private long lastStatusMillis;
    private long oldestLiveNanos;
    /** The worker sleeps with nothing to send: the next offer wakes it. */
    private boolean workerIdle;
    private volatile boolean waitingForRoom;
    private volatile int drainWaiters;
    private volatile long connects;
    /** Which connection a publish belongs to: callbacks of one that is gone must not count against the new one. */
    private volatile long epoch;
    private long failedConnects;

    public MqttUplink(MqttConfig config, String station, String gatewayId, DiskBuffer buffer, Clock clock) {
        this(config, station, gatewayId, buffer, clock, Clock.systemUTC());
    }

    /**
     * @param clock  the time readings and statuses carry
     * @param timing what the replay pace and the receipt timeout are measured with
     */
    public MqttUplink(MqttConfig config, String station, String gatewayId, DiskBuffer buffer, Clock clock, Clock timing) {
        this.config = config;
        this.station = station;
        this.gatewayId = gatewayId;
        this.receiptTopic = Topics.receipt(station, gatewayId);
        this.buffer = buffer;
        this.clock = clock;
        this.receiptWait = new ReceiptWait(timing, config.receiptTimeout(), MqttConfig.MAX_RECEIPT_TIMEOUT_FACTOR);
        this.pacer = new ReplayPacer(timing, config.replayRate());
        this.reconnects = new ReconnectBackoff(config.maxReconnectDelay(), b -> ThreadLocalRandom.current().nextLong(b + 1));
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
                return; // replayed from disk after the next connect
            }
            for (BufferedRecord r : records) {
                if (r == null || r.seq() < liveFrom) {
                    continue;
                }
                highestHandled = Math.max(highestHandled, r.seq());
                if (live.size() < LIVE_QUEUE_MAX) {
                    if (live.isEmpty()) {
                        oldestLiveNanos = System.nanoTime();
                    }
                    live.add(r);
                } else {
                    // Broker slower than the polls: these are replayed from disk instead.
                    due.add(live.peekFirst().seq(), r.seq());
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

    /** Readings published (each time one is sent again, once more). */
    public long published() {
        return published.get();
    }

    /** Readings the broker took (PUBACK). Not a reason to forget them: see {@link #confirmed()}. */
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

    /** Readings a receipt named stored or refused for the first time (what the buffer could forget). */
    public long confirmed() {
        return confirmed.get();
    }

    /** Readings a receipt named refused: the collector dead-lettered them (its log and metrics say why). */
    public long refusedByCollector() {
        return refusedByCollector.get();
    }

    public long receipts() {
        return receipts.get();
    }

    /** Readings sent again because no receipt named them within the receipt timeout. */
    public long resent() {
        return resent.get();
    }

    /**
     * Blocks until the broker took (PUBACK) every reading in the buffer at least once, or the timeout passes: the
     * transport's part done, whether or not a collector has stored them ({@link #awaitConfirmed}). Live readings stop
     * lingering meanwhile (like a producer's flush), so a caller waiting here never waits out the linger.
     */
    public boolean awaitPublished(Duration timeout) throws InterruptedException {
        return await(timeout, () -> !connected || inflight.get() > 0 || !live.isEmpty() || !due.isEmpty()
                || highestHandled < buffer.nextSeq() - 1);
    }

    /** Blocks until a collector's receipt has named every reading in the buffer, or the timeout passes. */
    public boolean awaitConfirmed(Duration timeout) throws InterruptedException {
        return await(timeout, () -> buffer.pending() > 0);
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier notYet) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            drainWaiters++;
            lock.notifyAll();
            try {
                while (notYet.getAsBoolean()) {
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
        while (running) {
            try {
                if (!connected) {
                    if (connect()) {
                        reconnects.reset();
                    } else {
                        waitFor(reconnects.nextDelayMs());
                    }
                    continue;
                }
                forwardOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("uplink worker error; sending what is unconfirmed again", e);
                synchronized (lock) {
                    resync();
                }
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
            // messages on their own next to our replay. Receipts sent while we were away are lost with the
            // session; their readings are then sent again after the receipt timeout, a duplicate the collector
            // recognises.
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
            subscribeToReceipts();
            synchronized (lock) {
                connected = true;
                connects++;
                epoch++;
                inflight.set(0);
                resync();
                lock.notifyAll();
            }
            publishStatus();
            retained.resendAll();
            publishRetained();
            LOG.info("connected to {} as {}; {} readings buffered, {} to replay", config.url(), config.clientId(),
                    buffer.pending(), dueCount());
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

    private void subscribeToReceipts() throws MqttException {
        IMqttToken t = client.subscribe(receiptTopic, 1);
        t.waitForCompletion(10_000);
        int[] codes = t.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            // The broker's access rules predate receipts: nothing is lost, but nothing leaves the buffer either.
            LOG.error("the broker refused this gateway's receipt subscription {} (reason 0x{}): grant it "
                    + "(gateway/README.md, \"Securing the broker\"); until then every reading is sent again each "
                    + "receipt timeout and stays in the buffer", receiptTopic, Integer.toHexString(codes[0]));
        }
    }

    private long dueCount() {
        synchronized (lock) {
            return due.count();
        }
    }

    /**
     * After a (re)connect or an error: what is stored and unconfirmed goes out again at the replay pace, except what
     * the broker took and whose receipt may still come (it goes when its wait is over).
     */
    private void resync() {
        live.clear();
        liveFrom = buffer.nextSeq();
        due.clear();
        due.addAll(buffer.unconfirmed());
        due.removeAll(receiptWait.waiting());
        highestHandled = liveFrom - 1;
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

    /**
     * Sends one burst: every live reading that has lingered long enough (or all of them when someone waits for the
     * buffer to drain), then due readings as the replay pace allows, within the in-flight limit.
     */
    private void forwardOnce() throws InterruptedException {
        if (retained.pending()) {
            publishRetained();
        }
        List<BufferedRecord> burst = new ArrayList<>();
        synchronized (lock) {
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
            takeExpired();
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
            int replay = Math.min(room - burst.size(), pacer.available());
            if (replay > 0 && !due.isEmpty()) {
                int step = pacer.step(config.maxBatch());
                if (replay >= step || replay >= due.count() || replay >= room - burst.size()) {
                    List<BufferedRecord> b = readDue(replay);
                    pacer.take(b.size());
                    burst.addAll(b);
                }
            }
            if (burst.isEmpty()) {
                workerIdle = true;
                try {
                    // Nothing to send: an offer, a disconnect, a failed publish, a receipt or close() wakes us; only
                    // the replay pace and the receipt timeout need a clock. An idle gateway wakes a few times a second.
                    lock.wait(!due.isEmpty() ? 5 : Math.min(250, Math.max(10, config.receiptTimeout().toMillis() / 10)));
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
        for (List<BufferedRecord> batch : BatchCutter.cut(burst, config.maxBatch())) {
            publish(batch);
        }
    }

    /** Readings whose receipt did not come in time join the due ones (under the lock). */
    private void takeExpired() {
        SeqRanges expired = receiptWait.expired();
        if (expired.isEmpty()) {
            return;
        }
        SeqRanges again = buffer.unconfirmed(expired);
        if (again.isEmpty()) {
            return;
        }
        Duration waited = receiptWait.timeout();
        receiptWait.resending();
        long n = again.count();
        resent.addAndGet(n);
        due.addAll(again);
        LOG.warn("no receipt for {} readings (seq {}) within {} s of the broker taking them; sending them again "
                + "(next wait {} s)", n, abbreviated(again), waited.toSeconds(), receiptWait.timeout().toSeconds());
    }

    private static String abbreviated(SeqRanges r) {
        String s = r.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** Up to {@code max} due readings from disk, oldest first; what was read (or is confirmed meanwhile) leaves due. */
    private List<BufferedRecord> readDue(int max) {
        List<BufferedRecord> out = new ArrayList<>();
        while (out.size() < max && !due.isEmpty()) {
            long first = due.first();
            long last = due.rangeOf(first).last();
            int want = max - out.size();
            List<BufferedRecord> got = buffer.readAfter(first - 1, last + 1, want);
            out.addAll(got);
            if (got.size() < want) {
                due.remove(first, last); // read to its end: the rest were confirmed meanwhile or are gone
            } else {
                due.remove(first, got.get(got.size() - 1).seq());
            }
        }
        return out;
    }

    /** The v2 topic for a buffered reading's topic: readings stored before contract v2 hold their v1 topic. */
    private String batchTopic(String recordTopic) {
        return batchTopics.computeIfAbsent(recordTopic, t -> Topics.parseTelemetry(t)
                .map(a -> Topics.telemetryBatch(a.station(), a.device()))
                .orElseThrow(() -> new IllegalStateException("buffered reading with topic " + t + " is not telemetry")));
    }

    private void publish(List<BufferedRecord> batch) {
        List<byte[]> payloads = new ArrayList<>(batch.size());
        List<Long> seqs = new ArrayList<>(batch.size());
        for (BufferedRecord r : batch) {
            payloads.add(r.payload());
            seqs.add(r.seq());
        }
        String topic = batchTopic(batch.get(0).topic());
        long sentOn = epoch;
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
                        notTaken(seqs, sentOn);
                        return;
                    }
                    refusedStreak.set(0);
                    receiptWait.published(seqs);
                    acked.addAndGet(batch.size());
                    done(batch.size(), sentOn);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.debug("publish of {} failed: {}", seqs(batch), e.toString());
                    notTaken(seqs, sentOn);
                }
            });
            published.addAndGet(batch.size());
            messages.incrementAndGet();
        } catch (MqttException e) {
            LOG.debug("publish of {} not accepted: {}", seqs(batch), e.toString());
            notTaken(seqs, sentOn);
            if (e.getReasonCode() == 32202 /* too many publishes in progress */) {
                try {
                    waitFor(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The broker did not take these: they go again at the replay pace (after a disconnect, with the rest). */
    private void notTaken(List<Long> seqs, long sentOn) {
        synchronized (lock) {
            if (connected && sentOn == epoch) {
                seqs.forEach(due::add);
            }
        }
        done(seqs.size(), sentOn);
    }

    /** "seq 7" or "seq 7..42", for messages about a batch (built only when one is written). */
    private static String seqs(List<BufferedRecord> batch) {
        long first = batch.get(0).seq();
        long last = batch.get(batch.size() - 1).seq();
        return first == last ? "seq " + first : "seq " + first + ".." + last;
    }

    private void done(int readings, long sentOn) {
        if (sentOn != epoch) {
            return; // sent on a connection that is gone: the new one started counting from zero
        }
        int left = inflight.addAndGet(-readings);
        // Called on the MQTT client's callback thread for every PUBACK: wake the worker only when it waits for
        // room, and drain waiters only when the last one is in, not once per acknowledgement.
        if (waitingForRoom || drainWaiters > 0 && left == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * A receipt: the buffer forgets what it names (stored or refused). One that cannot be read, or is meant for
     * another gateway, changes nothing: its readings are sent again after the receipt timeout.
     */
    void onReceipt(byte[] payload) {
        Receipt r;
        try {
            r = Receipt.decode(payload);
        } catch (ContractViolation e) {
            if (badReceipts.incrementAndGet() % 1000 == 1) {
                LOG.warn("unreadable receipt on {} ignored ({} so far): {}", receiptTopic, badReceipts.get(), e.getMessage());
            }
            return;
        }
        if (!r.station().equals(station) || !r.gateway().equals(gatewayId)) {
            LOG.warn("receipt for {}/{} on {} ignored", r.station(), r.gateway(), receiptTopic);
            return;
        }
        receipts.incrementAndGet();
        receiptWait.receiptArrived();
        confirmed.addAndGet(buffer.confirm(r.accounted()));
        if (!r.refused().isEmpty()) {
            refusedByCollector.addAndGet(r.refused().count());
            LOG.warn("collector {} refused readings {}: they are dead-lettered with the reason (see its log) and leave "
                    + "the buffer", r.collector(), abbreviated(r.refused()));
        }
        if (drainWaiters > 0) {
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
                due.clear();
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
            if (receiptTopic.equals(topic)) {
                onReceipt(message.getPayload());
            }
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
