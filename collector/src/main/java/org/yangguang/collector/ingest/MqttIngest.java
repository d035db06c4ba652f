package org.yangguang.collector.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.BufferedSocketFactory;
import org.yangguang.contract.Topics;

import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The MQTT side: a receiver ({@link TelemetryReceiver}: HiveMQ's MQTT 5 client by default, Paho's with
 * {@code --mqtt-client paho}) with manual acknowledgements on the shared subscriptions
 * {@code $share/{group}/yangguang/v2/telemetry/+/+} (batches, what gateways send) and
 * {@code $share/{group}/yangguang/v1/telemetry/+/+} (single readings from gateways older than contract v2).
 * Messages hop from the receiver's thread onto the collector's event loop; the PUBACK is sent only when the pipeline
 * says so. A persistent session (clean start off, session expiry) makes the broker keep and redeliver what was not
 * acknowledged when the collector dies.
 *
 * <p>In-flight is bounded here, twice: a semaphore blocks the receiver's thread at {@code maxInFlight} unacknowledged
 * messages, and a second one at {@code maxInFlightBytes} of payload (MQTT counts messages only, and a v2 batch can be
 * a thousand readings). A blocked receiver thread stops reading the socket, so TCP itself holds the broker back. The
 * MQTT v5 Receive Maximum cannot be relied on for it: Mosquitto 2.0.11 exceeds it on shared subscriptions (380 in
 * flight for a maximum of 50, 1,200 for 500). While the pipeline is {@link IngestPipeline#full full}, what arrived
 * waits here undecoded. Dead letters, alarms and receipts go out on a second client ({@code <client-id>-pub}, Paho)
 * whose callbacks are never blocked; it also reads, unshared, every gateway's receipts (the gap tracker) and, for the
 * alarm feed, gateway status and (in feed mode) all telemetry.
 *
 * <p>Both clients reconnect in our own loop ({@link Reconnects}: 0.5 s doubling to 5 s; Paho's own ignores its delay
 * setting and waits up to 128 s), and subscribe again on every connect: Mosquitto 2.0 restores a persistent session
 * after a restart but not its shared subscriptions.
 */
public final class MqttIngest implements Acknowledger {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final CollectorConfig cfg;
    private final Context context;
    private final TelemetryReceiver receiver;
    private final MqttAsyncClient publisher;
    private final Semaphore inFlight;
    /** Payload in KiB (a long budget in bytes does not fit a semaphore's int permits). */
    private final Semaphore inFlightKiB;
    private final int budgetKiB;
    private static final long DRAIN_BUDGET_NANOS = 5_000_000;
    private final ConcurrentLinkedQueue<Delivery> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService acker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "collector-mqtt-ack");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Delivery> sink;
    private java.util.function.BooleanSupplier full = () -> false;
    /** TLS from the configured PEM files or trust store, else buffered plain TCP; null for other schemes. */
    private final javax.net.SocketFactory sockets;
    private final Promise<Void> subscribed = Promise.promise();
    private Consumer<MqttFeed> feed;
    private boolean allTelemetry;
    private Consumer<byte[]> receiptFeed;
    private Consumer<MqttFeed> nameplates;
    private volatile boolean connected;
    private volatile boolean closing;
    private final java.util.concurrent.ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collector-mqtt-reconnect");
        t.setDaemon(true);
        return t;
    });
    static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
    private final Reconnects publisherReconnects = new Reconnects(RECONNECT, Clock.systemUTC());

    public MqttIngest(CollectorConfig cfg, Context context, Consumer<Delivery> sink) throws MqttException {
        this.cfg = cfg;
        this.context = context;
        this.sink = sink;
        this.publisher = new MqttAsyncClient(cfg.mqttUrl(), cfg.clientId() + "-pub", new MemoryPersistence());
        publisher.setCallback(new PublisherCallback());
        this.inFlight = new Semaphore(cfg.maxInFlight());
        this.budgetKiB = (int) Math.min(Integer.MAX_VALUE, cfg.maxInFlightBytes() >> 10);
        this.inFlightKiB = new Semaphore(budgetKiB);
        // read once: both clients use it, and unreadable PEM files fail here, before any connect
        BrokerTls.Material tls = BrokerTls.material(cfg);
        this.sockets = tls != null ? tls.socketFactory() : cfg.mqttUrl().startsWith("tcp://") ? BufferedSocketFactory.get() : null;
        this.receiver = cfg.mqttClient() == MqttClientKind.PAHO ? new PahoReceiver(new ReceiverEvents())
                : new HiveMqReceiver(cfg, tls, new ReceiverEvents());
    }

    /** A message of the alarm feed (telemetry, gateway status) or of the nameplate feed (devices' nameplates). */
    public record MqttFeed(String topic, byte[] payload) {
    }

    /**
     * Also subscribes, without sharing and on the second client (acknowledged by Paho), to gateway status and,
     * with {@code allTelemetry}, to all telemetry (v2 and v1): alarms need every reading of a device, which the
     * shared subscriptions split between collectors. Set before {@link #start}.
     */
    public void alarmFeed(boolean allTelemetry, Consumer<MqttFeed> consumer) {
        this.feed = consumer;
        this.allTelemetry = allTelemetry;
    }

    /**
     * Also subscribes, without sharing, to the devices' retained nameplates: every collector learns every device
     * (and gets them all again after a connect). Set before {@link #start}.
     */
    public void nameplateFeed(Consumer<MqttFeed> consumer) {
        this.nameplates = consumer;
    }

    /** Every gateway's receipts, from every collector of the group and this one, as they come. Set before {@link #start}. */
    public void receiptFeed(Consumer<byte[]> consumer) {
        this.receiptFeed = consumer;
    }

    /** The second client: publishes (never blocked), and reads the receipts and the alarm feed. */
    private final class PublisherCallback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
            LOG.warn("MQTT publisher disconnected: {} (reconnecting)", reason(r));
            reconnect(publisher, publisherOptions(), publisherReconnects);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            if (topic.startsWith(Topics.ROOT_V2 + "/receipt/")) {
                if (receiptFeed != null) {
                    byte[] payload = m.getPayload();
                    context.runOnContext(v -> receiptFeed.accept(payload));
                }
                return;
            }
            Consumer<MqttFeed> to = Topics.parseDevice(topic).isPresent() ? nameplates : feed;
            if (to != null) {
                MqttFeed f = new MqttFeed(topic, m.getPayload());
                context.runOnContext(v -> to.accept(f));
            }
        }

        @Override
        public void deliveryComplete(IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
            publisherReconnects.connected();
            List<String> filters = new ArrayList<>();
            if (receiptFeed != null) {
                filters.add(Topics.RECEIPT_FILTER);
            }
            if (feed != null) {
                if (allTelemetry) {
                    filters.addAll(Topics.TELEMETRY_FILTERS);
                }
                filters.add(Topics.STATUS_FILTER);
            }
            if (nameplates != null) {
                filters.add(Topics.DEVICE_FILTER);
            }
            if (filters.isEmpty()) {
                return;
            }
            try {
                publisher.subscribe(filters.toArray(String[]::new), qos1(filters.size()), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        logRefused(refusedFilters(t, filters));
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        LOG.error("subscribe to {} failed", filters, e);
                    }
                });
            } catch (MqttException e) {
                LOG.error("subscribe to {} failed", filters, e);
            }
        }

        @Override
        public void authPacketArrived(int code, MqttProperties p) {
        }
    }

    /** The filters the broker refused (SUBACK ≥ 0x80, e.g. 0x87: its access rules do not give this user that filter). */
    private static List<String> refusedFilters(IMqttToken t, List<String> filters) {
        List<String> refused = new ArrayList<>();
        int[] codes = t.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
            if (codes[i] >= 0x80) {
                refused.add(filters.get(i) + " (reason 0x" + Integer.toHexString(codes[i]) + ")");
            }
        }
        return refused;
    }

    /** One ERROR per refused filter, saying what the operator must grant (either client, either connection). */
    private static void logRefused(List<String> refused) {
        for (String f : refused) {
            LOG.error("the broker refused the subscription {}: grant this collector's user the collectors' role "
                    + "(gateway/README.md, \"Securing the broker\")", f);
        }
    }

    private static String reason(MqttDisconnectResponse r) {
        return r == null ? "?" : r.getReasonString() != null ? r.getReasonString() : String.valueOf(r.getException());
    }

    /** Tries {@code client} again after the back-off, until it is connected or the collector closes. */
    private void reconnect(MqttAsyncClient client, MqttConnectionOptions options, Reconnects reconnects) {
        if (closing) {
            return;
        }
        long delay = reconnects.lost().toMillis();
        reconnector.schedule(() -> {
            if (closing || client.isConnected()) {
                return;
            }
            try {
                client.connect(options, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        // connectComplete subscribes again
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        LOG.debug("reconnect to {} failed: {}", cfg.mqttUrl(), e.toString());
                        reconnect(client, options, reconnects);
                    }
                });
            } catch (MqttException e) {
                LOG.debug("reconnect to {} not started: {}", cfg.mqttUrl(), e.toString());
                reconnect(client, options, reconnects);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private MqttConnectionOptions publisherOptions() {
        MqttConnectionOptions po = options();
        po.setCleanStart(true);
        po.setSessionExpiryInterval(0L);
        return po;
    }

    /** Connects and subscribes; the future completes when the subscription is in place. */
    public Future<Void> start() {
        MqttConnectionOptions po = publisherOptions();
        try {
            // both connects are asynchronous: this runs on the event loop
            publisher.connect(po, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    receiver.connect();
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    subscribed.tryFail(new IllegalStateException("cannot connect to MQTT broker " + cfg.mqttUrl() + ": " + e.getMessage(), e));
                }
            });
        } catch (MqttException e) {
            subscribed.tryFail(e);
        }
        return subscribed.future();
    }

    /** Paho's connection options, for the publishing client and for {@link PahoReceiver}. */
    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(cfg.sessionExpirySeconds());
        o.setReceiveMaximum(cfg.maxInFlight());
        o.setAutomaticReconnect(false); // our own loop: see the class comment
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if (cfg.mqttUsername() != null) {
            o.setUserName(cfg.mqttUsername());
        }
        if (cfg.mqttPassword() != null) {
            o.setPassword(cfg.mqttPassword().getBytes(StandardCharsets.UTF_8));
        }
        if (sockets != null) {
            o.setSocketFactory(sockets);
        }
        return o;
    }

    /** What the receiver reports, whichever client it is. */
    private final class ReceiverEvents implements TelemetryReceiver.Events {
        @Override
        public void arrived(Delivery d) throws InterruptedException {
            if (d.qos() > 0) {
                inFlight.acquire();
                inFlightKiB.acquire(kib(d.payload().length));
            }
            arrived.add(d);
            // one event-loop task drains whatever arrived meanwhile: a task per message would bury timers under a flood
            if (drainScheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> drain());
            }
        }

        @Override
        public void subscribed(boolean reconnect, String broker, List<String> refused) {
            if (refused.isEmpty()) {
                connected = true;
                LOG.info("MQTT {} to {} as {} ({} client); subscribed {}", reconnect ? "reconnected" : "connected", broker,
                        cfg.clientId(), cfg.mqttClient(), Topics.sharedTelemetry(cfg.group()));
                subscribed.tryComplete();
                return;
            }
            logRefused(refused);
            subscribed.tryFail(new IllegalStateException("the broker refused the subscription to " + refused
                    + ": this user may not read telemetry"));
        }

        @Override
        public void failed(Throwable cause) {
            subscribed.tryFail(cause);
        }

        @Override
        public void lost(String reason) {
            connected = false;
            LOG.warn("MQTT disconnected: {} (reconnecting)", reason);
        }
    }

    /**
     * The receiver on Paho ({@code --mqtt-client paho}): slower (it copies every packet a byte at a time), kept for
     * broker URLs only Paho speaks, and as the bench's comparison.
     */
    private final class PahoReceiver implements TelemetryReceiver, MqttCallback {
        private final MqttAsyncClient client;
        private final Reconnects reconnects = new Reconnects(RECONNECT, Clock.systemUTC());
        private final TelemetryReceiver.Events events;

        PahoReceiver(TelemetryReceiver.Events events) throws MqttException {
            this.events = events;
            this.client = new MqttAsyncClient(cfg.mqttUrl(), cfg.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(this);
        }

        @Override
        public void connect() {
            try {
                client.connect(options(), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        // subscription happens in connectComplete, which also runs after our reconnects
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        events.failed(new IllegalStateException("cannot connect to MQTT broker " + cfg.mqttUrl() + ": " + e.getMessage(), e));
                    }
                });
            } catch (MqttException e) {
                events.failed(e);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            reconnects.connected();
            List<String> filters = Topics.sharedTelemetry(cfg.group());
            try {
                client.subscribe(filters.toArray(String[]::new), qos1(filters.size()), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        events.subscribed(reconnect, serverURI, refusedFilters(t, filters));
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        LOG.error("subscribe to {} failed", filters, e);
                        events.failed(e);
                    }
                });
            } catch (MqttException e) {
                LOG.error("subscribe to {} failed", filters, e);
                events.failed(e);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            events.arrived(new Delivery(topic, message.getPayload(), message.getId(), message.getQos(), System.currentTimeMillis()));
        }

        @Override
        public void ack(Delivery d) {
            try {
                client.messageArrivedComplete(d.messageId(), d.qos());
            } catch (MqttException e) {
                // not connected: the broker redelivers the message on the resumed session; storing twice is harmless
                LOG.debug("ack of {} not sent: {}", d.messageId(), e.getMessage());
            }
        }

        @Override
        public boolean isConnected() {
            return client.isConnected();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            events.lost(reason(response));
            reconnect(client, options(), reconnects);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT error: {}", e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }

        @Override
        public void close() {
            disconnect(client);
        }
    }

    private static void disconnect(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    private static int[] qos1(int filters) {
        int[] qos = new int[filters];
        Arrays.fill(qos, 1);
        return qos;
    }

    /**
     * The pipeline's back-pressure ({@link IngestPipeline#full}): while it holds, deliveries wait here as the bytes
     * they came in, inside the in-flight budget; call {@link #room} on the event loop when it may have passed.
     */
    public void backPressure(java.util.function.BooleanSupplier full) {
        this.full = full;
    }

    /** On the event loop: the pipeline may take deliveries again. */
    public void room() {
        if (!arrived.isEmpty() && !full.getAsBoolean() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        // a time budget keeps each task far below the blocked-thread threshold, however slow the machine is
        long until = System.nanoTime() + DRAIN_BUDGET_NANOS;
        while (System.nanoTime() < until) {
            if (full.getAsBoolean()) {
                return; // room() drains again when a write has ended
            }
            Delivery d = arrived.poll();
            if (d == null) {
                return;
            }
            sink.accept(d);
        }
        if (!arrived.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain()); // yield to timers and I/O between chunks
        }
    }

    /** A message's share of the byte budget: whole KiB, at least 1, at most the budget (so it can always pass alone). */
    private int kib(int bytes) {
        return Math.min(budgetKiB, Math.max(1, (bytes + 1023) >> 10));
    }

    @Override
    public void ack(Delivery d) {
        if (d.qos() == 0) {
            return;
        }
        // Paho's ack takes a lock its sender thread also holds: not a call for the event loop
        acker.execute(() -> {
            inFlightKiB.release(kib(d.payload().length));
            inFlight.release();
            receiver.ack(d);
        });
    }

    @Override
    public Future<Void> deadLetter(Delivery d, String code, String detail) {
        return publishDeadLetter(letter(d, code, detail, d.payload()), code);
    }

    @Override
    public Future<Void> deadLetter(Delivery d, byte[] reading, int index, int readings, String code, String detail) {
        return publishDeadLetter(letter(d, code, detail, reading).put("index", index).put("readings", readings), code);
    }

    private JsonObject letter(Delivery d, String code, String detail, byte[] payload) {
        JsonObject letter = new JsonObject()
                .put("reason", code)
                .put("detail", detail)
                .put("topic", d.topic())
                .put("collector", cfg.clientId())
                .put("received", Instant.ofEpochMilli(d.receivedAtMs()).toString());
        try {
            letter.put("payload", StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException e) {
            letter.put("payload_base64", Base64.getEncoder().encodeToString(payload));
        }
        return letter;
    }

    private Future<Void> publishDeadLetter(JsonObject letter, String code) {
        Promise<Void> sent = Promise.promise();
        publish(Topics.deadLetter(code), letter.encode().getBytes(StandardCharsets.UTF_8), false, sent, 0);
        return sent.future();
    }

    /** QoS 1 publish completing on the event loop; retried while the client is over its outgoing in-flight limit. */
    /** QoS 1, not retained; completes on the event loop when the broker has it. */
    public Future<Void> publish(String topic, byte[] payload) {
        Promise<Void> sent = Promise.promise();
        publish(topic, payload, false, sent, 0);
        return sent.future();
    }

    public void publish(String topic, byte[] payload, boolean retained, Promise<Void> done, int attempt) {
        try {
            publisher.publish(topic, payload, 1, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    context.runOnContext(v -> done.tryComplete());
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    context.runOnContext(v -> done.tryFail(e));
                }
            });
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT || e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                context.owner().setTimer(Math.min(5000, 20L << Math.min(attempt, 8)),
                        id -> publish(topic, payload, retained, done, attempt + 1));
            } else {
                done.tryFail(e);
            }
        }
    }

    public boolean isConnected() {
        return connected && receiver.isConnected() && publisher.isConnected();
    }

    /** Stops receiving; unacknowledged messages stay with the broker for this session. */
    public void close() {
        closing = true;
        reconnector.shutdownNow();
        acker.shutdown();
        try {
            acker.awaitTermination(5, TimeUnit.SECONDS); // send the acks of what was stored before leaving
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect(publisher);
        receiver.close();
    }
}
