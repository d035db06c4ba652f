package org.yangguang.gateway.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A persistent-session QoS 1 subscriber that records every reading (topic, payload, retained), surviving a
 * broker restart (Mosquitto keeps the session and queued messages). A v2 telemetry batch is recorded as its
 * readings, each with the batch's topic; other messages as they are.
 *
 * <p>{@link #receipting} makes it stand in for a collector in the gateway's own tests: every reading it records
 * is receipted as stored (contract {@link Receipt}) on its gateway's receipt topic, so the gateway's buffer can
 * forget it; {@link #receipts(boolean)} turns that off and on (a collector that stores nothing). The real collector
 * is what the integration tests run.
 */
public final class TelemetrySubscriber implements AutoCloseable {
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions o;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean reconnecting = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final Map<String, Received> lastByTopic = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
    private final boolean receipting;
    private volatile boolean receiptsOn = true;
    private final java.util.concurrent.atomic.AtomicLong receiptsSent = new java.util.concurrent.atomic.AtomicLong();

    public TelemetrySubscriber(String url, String... filters) throws MqttException {
        this(url, null, null, false, filters);
    }

    /** A subscriber that logs in, for a broker without anonymous access. */
    public static TelemetrySubscriber authenticated(String url, String username, String password, String... filters)
            throws MqttException {
        return new TelemetrySubscriber(url, username, password, false, filters);
    }

    /** A subscriber that receipts every telemetry reading it records as stored, as a collector does once it stored it. */
    public static TelemetrySubscriber receipting(String url, String... filters) throws MqttException {
        return new TelemetrySubscriber(url, null, null, true, filters);
    }

    /** {@link #receipting}, logging in (with a user allowed to publish receipts: the collectors' role). */
    public static TelemetrySubscriber receiptingAs(String url, String username, String password, String... filters)
            throws MqttException {
        return new TelemetrySubscriber(url, username, password, true, filters);
    }

    private TelemetrySubscriber(String url, String username, String password, boolean receipting, String[] filters)
            throws MqttException {
        this.receipting = receipting;
        client = new MqttAsyncClient(url, "test-sub-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                reconnect();
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                batches.incrementAndGet();
                if (Topics.isBatch(topic)) {
                    try {
                        List<byte[]> readings = TelemetryBatch.split(m.getPayload());
                        for (byte[] reading : readings) {
                            record(new Received(topic, reading, m.isRetained()));
                        }
                        receipt(readings);
                        return;
                    } catch (ContractViolation e) {
                        // recorded whole below: the test's decoding then says what is wrong with it
                    }
                }
                record(new Received(topic, m.getPayload(), m.isRetained()));
                if (Topics.parseTelemetry(topic).isPresent()) {
                    receipt(List.of(m.getPayload()));
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                // The persistent session keeps the subscriptions across a broker restart; nothing to redo
                // here (and blocking in a Paho callback would deadlock it).
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        // our own loop, every 300 ms: Paho's ignores its delay setting (paho.mqtt.java#864) and backs off to minutes
        o.setAutomaticReconnect(false);
        // a connect caught by the broker's restart can hang until Paho's 30 s connection timeout, and every try of the
        // loop meanwhile fails with "Connect already in progress": give up on such a connect after 2 s instead
        o.setConnectionTimeout(2);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
        subscribe(filters);
    }

    private void subscribe(String[] filters) {
        try {
            MqttSubscription[] subs = new MqttSubscription[filters.length];
            for (int i = 0; i < filters.length; i++) {
                subs[i] = new MqttSubscription(filters[i], 1);
            }
            client.subscribe(subs).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receipts the readings as stored, one receipt per gateway (a message carries one device's readings). */
    private void receipt(List<byte[]> readings) {
        if (!receipting || !receiptsOn) {
            return;
        }
        Map<String, SeqRanges> stored = new java.util.LinkedHashMap<>();
        for (byte[] reading : readings) {
            try {
                Telemetry t = TelemetryCodec.decode(reading);
                stored.computeIfAbsent(t.station() + "/" + t.gateway(), k -> new SeqRanges()).add(t.seq());
            } catch (ContractViolation e) {
                // a collector would dead-letter it; this stand-in leaves it unreceipted
            }
        }
        for (Map.Entry<String, SeqRanges> e : stored.entrySet()) {
            String[] sg = e.getKey().split("/");
            Receipt r = Receipt.of(sg[0], sg[1], "test-subscriber", System.currentTimeMillis(), e.getValue(), new SeqRanges());
            try {
                // QoS 0, as a collector's receipts go on a clean-start connection of their own (MqttIngest): a QoS 1
                // publish on this persistent session would be resent after a reconnect with the topic alias of the
                // lost connection and no topic (Paho 1.2.5), which the broker answers with "protocol error", again
                // on every reconnect. A lost receipt costs the gateway a resend, which is receipted then.
                client.publish(Topics.receipt(sg[0], sg[1]), r.encode(), 0, false);
                receiptsSent.incrementAndGet();
            } catch (MqttException ex) {
                // as with a collector: a receipt that does not go costs the gateway a resend, which is receipted then
                // (and throwing here would make Paho drop the connection)
            }
        }
    }

    /**
     * After a lost connection: tries again every 300 ms until connected (the session keeps the subscriptions). One
     * loop at a time: a second loop's connect would fail with "already connected" on the first's fresh connection,
     * and its clean-up (a forced disconnect) would then drop that healthy connection.
     */
    private void reconnect() {
        if (!reconnecting.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (!closed && !client.isConnected()) {
                    Thread.sleep(300);
                    try {
                        client.connect(o).waitForCompletion(5_000);
                    } catch (MqttException e) {
                        if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_CONNECTED) {
                            return;
                        }
                        // the broker is still away: try again. A connect that never completed (caught by the broker's
                        // restart) would answer every later try with "Connect already in progress": drop it first.
                        if (!client.isConnected()) {
                            try {
                                client.disconnectForcibly(0, 100, false);
                            } catch (MqttException ignored) {
                                // nothing was connected
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                reconnecting.set(false);
                if (!closed && !client.isConnected()) {
                    reconnect(); // lost again between the last check and the flag's reset
                }
            }
        }, "test-subscriber-reconnect");
        t.setDaemon(true);
        t.start();
    }

    /** Turns receipting on or off (off: a collector that takes messages and stores nothing). */
    public void receipts(boolean on) {
        receiptsOn = on;
    }

    public long receiptsSent() {
        return receiptsSent.get();
    }

    private void record(Received r) {
        messages.add(r);
        lastByTopic.put(r.topic(), r);
    }

    /** MQTT messages received; a v2 batch counts once here and once per reading in {@link #messages()}. */
    public long batches() {
        return batches.get();
    }

    /** Every reading received, in order (each reading of a v2 batch on its own, with the batch's topic). */
    public List<Received> messages() {
        return new ArrayList<>(messages);
    }

    public List<Received> matching(Predicate<Received> p) {
        return messages.stream().filter(p).toList();
    }

    public Received last(String topic) {
        return lastByTopic.get(topic);
    }

    /** Waits until {@code p} holds or the timeout passes; returns whether it held. */
    public boolean await(Duration timeout, java.util.function.BooleanSupplier p) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (p.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return p.getAsBoolean();
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        if (client.isConnected()) {
            try {
                // a short quiesce: receipts still in flight need not be waited for (the default waits up to 30 s)
                client.disconnect(500).waitForCompletion(5_000);
            } catch (MqttException e) {
                client.disconnectForcibly(0, 1_000, false);
            }
        }
        client.close(true);
    }
}
