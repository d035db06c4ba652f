package org.yangguang.benchmarks.collector;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.collector.ingest.Acknowledger;
import org.yangguang.collector.ingest.Delivery;
import org.yangguang.contract.Topics;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The collector's consumer written on Vert.x's own MQTT client ({@code io.vertx:vertx-mqtt}, Netty), for the
 * bench's comparison with the Paho consumer the collector uses ({@code MqttIngest}): the same shared subscriptions,
 * a persistent session (clean session off), manual acknowledgements (auto-ack off: the PUBACK goes when the
 * pipeline says the reading is stored), receipts and dead letters published on the same connection.
 *
 * <p>Why it is a bench class and not a collector option: the client speaks MQTT 3.1.1 only (its CONNECT carries
 * protocol level 4, fixed), so it has no session expiry (a dead collector's session and its queue live until an
 * operator removes them), no Receive Maximum (the broker's in-flight window cannot be set; this class pauses the
 * socket at {@code maxInFlight} instead, as TCP back-pressure) and no reason codes or properties. See
 * docs/performance.md, "Receipts on, v2 batches, and Vert.x's MQTT client against Paho".
 */
final class VertxMqttIngest implements Acknowledger {
    private final CollectorConfig cfg;
    private final Vertx vertx;
    /** The pipeline's event loop: deliveries are handed to it, acknowledgements come from it. */
    private final Context context;
    /**
     * The client's own event loop, as Paho has its own receiver thread: MQTT decoding does not queue behind the
     * pipeline on one core while the other idles.
     */
    private final Context clientContext;
    private final Consumer<Delivery> sink;
    private final ConcurrentLinkedQueue<Delivery> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private MqttClient client;
    /** Unacknowledged messages by packet id; touched on the client's context only. */
    private final Map<Integer, MqttPublishMessage> unacked = new HashMap<>();
    private boolean paused;

    VertxMqttIngest(CollectorConfig cfg, Vertx vertx, Context context, Context clientContext, Consumer<Delivery> sink) {
        this.cfg = cfg;
        this.vertx = vertx;
        this.context = context;
        this.clientContext = clientContext;
        this.sink = sink;
    }

    /** Connects and subscribes on the client's context; completes once the SUBSCRIBE is sent (the bench's broker grants it). */
    Future<Void> start() {
        Promise<Void> done = Promise.promise();
        clientContext.runOnContext(v -> {
            MqttClientOptions o = new MqttClientOptions()
                    .setClientId(cfg.clientId())
                    .setCleanSession(false) // 3.1.1's persistent session: there is no expiry to set
                    .setAutoAck(false)
                    .setKeepAliveInterval(30)
                    .setMaxMessageSize(2 * 1024 * 1024)
                    .setMaxInflightQueue(Math.max(10, cfg.maxInFlight()));
            if (cfg.mqttUsername() != null) {
                o.setUsername(cfg.mqttUsername()).setPassword(cfg.mqttPassword());
            }
            client = MqttClient.create(vertx, o);
            client.publishHandler(this::arrived);
            java.net.URI uri = java.net.URI.create(cfg.mqttUrl());
            client.connect(uri.getPort(), uri.getHost()).compose(ack -> {
                Map<String, Integer> filters = new HashMap<>();
                for (String f : Topics.sharedTelemetry(cfg.group())) {
                    filters.put(f, 1);
                }
                return client.subscribe(filters);
            }).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }

    private void arrived(MqttPublishMessage m) {
        if (m.qosLevel() != MqttQoS.AT_MOST_ONCE) {
            unacked.put(m.messageId(), m);
            if (unacked.size() >= cfg.maxInFlight() && !paused) {
                paused = true;
                client.pause(); // no Receive Maximum in 3.1.1: stop reading the socket, TCP holds the broker back
            }
        }
        arrived.add(new Delivery(m.topicName(), m.payload().getBytes(), m.messageId(), m.qosLevel().value(),
                System.currentTimeMillis()));
        // as MqttIngest: one pipeline task drains whatever arrived meanwhile, not a task per message
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** As MqttIngest: deliveries wait undecoded while the pipeline is full. */
    void backPressure(java.util.function.BooleanSupplier full) {
        this.full = full;
    }

    void room() {
        if (!arrived.isEmpty() && !full.getAsBoolean() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private java.util.function.BooleanSupplier full = () -> false;

    private void drain() {
        drainScheduled.set(false);
        long until = System.nanoTime() + 5_000_000;
        Delivery d;
        while (System.nanoTime() < until && !full.getAsBoolean() && (d = arrived.poll()) != null) {
            sink.accept(d);
        }
        if (full.getAsBoolean()) {
            return;
        }
        if (!arrived.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    @Override
    public void ack(Delivery d) {
        if (d.qos() == 0) {
            return;
        }
        clientContext.runOnContext(v -> {
            MqttPublishMessage m = unacked.remove(d.messageId());
            if (m != null) {
                m.ack();
            }
            if (paused && unacked.size() <= cfg.maxInFlight() / 2) {
                paused = false;
                client.resume();
            }
        });
    }

    @Override
    public Future<Void> deadLetter(Delivery d, String code, String detail) {
        return letter(d, code, detail, d.payload(), null);
    }

    @Override
    public Future<Void> deadLetter(Delivery d, byte[] reading, int index, int readings, String code, String detail) {
        return letter(d, code, detail, reading, new int[]{index, readings});
    }

    private Future<Void> letter(Delivery d, String code, String detail, byte[] payload, int[] at) {
        JsonObject letter = new JsonObject().put("reason", code).put("detail", detail).put("topic", d.topic())
                .put("collector", cfg.clientId()).put("payload", new String(payload, StandardCharsets.UTF_8));
        if (at != null) {
            letter.put("index", at[0]).put("readings", at[1]);
        }
        return publish(Topics.deadLetter(code), letter.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** QoS 1 on the consuming connection (receipts, dead letters); completes when it is sent. */
    Future<Void> publish(String topic, byte[] payload) {
        Promise<Void> sent = Promise.promise();
        clientContext.runOnContext(v -> client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .<Void>mapEmpty().onComplete(r -> context.runOnContext(w -> sent.handle(r))));
        return sent.future();
    }

    void close() {
        Promise<Void> closed = Promise.promise();
        clientContext.runOnContext(v -> {
            if (client != null && client.isConnected()) {
                client.disconnect().onComplete(closed);
            } else {
                closed.complete();
            }
        });
        try {
            closed.future().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing a bench client: nothing to keep
        }
    }

}
