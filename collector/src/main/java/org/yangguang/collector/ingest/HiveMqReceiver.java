package org.yangguang.collector.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.Topics;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telemetry in through HiveMQ's MQTT 5 client (Netty): the collector's default receiver since it decodes a PUBLISH
 * straight from Netty's buffer, where Paho copies every packet a byte at a time through two synchronized streams
 * (docs/performance.md). Everything the collector relied on from Paho holds: a persistent session with its expiry,
 * the Receive Maximum, manual acknowledgements (PUBACKs leave in the order the messages came, as MQTT expects),
 * reason codes, TLS with the collector's PEM or trust-store material.
 *
 * <p>The client gets an event-loop thread of its own, and the publish callback runs on it: when the in-flight budget
 * is spent, {@link Events#arrived} blocks that thread, which stops it reading the socket, so TCP holds the broker
 * back (MQTT counts messages; the budget also counts bytes).
 *
 * <p>That budget, not the Receive Maximum, is what bounds in-flight here: Mosquitto 2.0.11 does not keep to a
 * client's Receive Maximum on shared subscriptions (seen: over 1,200 unacknowledged messages sent to a client that
 * announced 500, and 380 for 50 with Paho), and HiveMQ's client, true to MQTT 5, disconnects with 0x93 (Receive
 * Maximum exceeded) when a broker does that, so a stalled InfluxDB turned into a reconnect loop. The receiver
 * therefore announces the largest Receive Maximum, and the budget stops the socket at {@code maxInFlight}. Our loop decides when to reconnect ({@link Reconnects},
 * the same 0.5 s doubling to 5 s as the publishing client), and every connect subscribes again so the broker's
 * refusals are seen each time.
 */
final class HiveMqReceiver implements TelemetryReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqReceiver.class);
    /** MQTT's largest: see the class comment for why the collector's own budget, not this, bounds what is in flight. */
    static final int RECEIVE_MAXIMUM = 65_535;

    private final CollectorConfig cfg;
    private final Events events;
    private final Reconnects reconnects;
    private final ExecutorService loop;
    private final Mqtt5AsyncClient client;
    private final Mqtt5Connect connect;
    /** What the pipeline has not acknowledged yet, by delivery (identity: a redelivered message is a new delivery). */
    private final Map<Delivery, Mqtt5Publish> unacked = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile boolean closing;

    HiveMqReceiver(CollectorConfig cfg, BrokerTls.Material tls, Events events) {
        this.cfg = cfg;
        this.events = events;
        this.reconnects = new Reconnects(MqttIngest.RECONNECT, Clock.systemUTC());
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "collector-mqtt-in");
            t.setDaemon(true);
            return t;
        });
        URI broker = URI.create(cfg.mqttUrl());
        boolean ssl = "ssl".equals(broker.getScheme()) || "mqtts".equals(broker.getScheme());
        if (!ssl && !"tcp".equals(broker.getScheme()) && !"mqtt".equals(broker.getScheme())) {
            throw new IllegalArgumentException("MQTT URL " + cfg.mqttUrl() + ": the collector speaks tcp:// and ssl:// "
                    + "(for another scheme, run it with --mqtt-client paho)");
        }
        MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
                .serverHost(broker.getHost())
                .serverPort(broker.getPort() > 0 ? broker.getPort() : ssl ? 8883 : 1883)
                .socketConnectTimeout(10, TimeUnit.SECONDS)
                .mqttConnectTimeout(10, TimeUnit.SECONDS);
        if (ssl) {
            transport.sslConfig(tls == null ? MqttClientSslConfig.builder().build() : MqttClientSslConfig.builder()
                    .trustManagerFactory(tls.trustFactory()).keyManagerFactory(tls.keyFactory()).build());
        }
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(cfg.clientId())
                .transportConfig(transport.build())
                // one thread of its own: the callback blocks it on purpose (see above), which must stall nobody else
                .executorConfig(MqttClientExecutorConfig.builder().nettyExecutor(loop).nettyThreads(1).build())
                .addConnectedListener(this::connected)
                .addDisconnectedListener(this::disconnected);
        if (cfg.mqttUsername() != null) {
            builder.simpleAuth().username(cfg.mqttUsername())
                    .password(cfg.mqttPassword() == null ? new byte[0] : cfg.mqttPassword().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
        this.connect = Mqtt5Connect.builder()
                .cleanStart(false)
                .sessionExpiryInterval(cfg.sessionExpirySeconds())
                .keepAlive(30)
                // the largest Receive Maximum, and in-flight bounded here instead (see the class comment)
                .restrictions(Mqtt5ConnectRestrictions.builder().receiveMaximum(RECEIVE_MAXIMUM).build())
                .build();
        // ALL, not SUBSCRIBED: a resumed session delivers what was queued for it before this process has subscribed,
        // and a message no callback claims would be acknowledged unseen. The executor runs the callback in place, on
        // the client's own thread: without one HiveMQ hands every message to RxJava's shared computation pool (a
        // thread hop per message, and a blocked callback there would not stop the socket, only grow HiveMQ's queue).
        client.publishes(MqttGlobalPublishFilter.ALL, this::arrived, Runnable::run, true);
    }

    @Override
    public void connect() {
        client.connect(connect).whenComplete((ack, e) -> {
            if (e != null) {
                events.failed(new IllegalStateException("cannot connect to MQTT broker " + cfg.mqttUrl() + ": " + message(e), e));
            }
        });
    }

    private void connected(MqttClientConnectedContext ctx) {
        boolean reconnect = everConnected;
        everConnected = true;
        connected = true;
        reconnects.connected();
        List<String> filters = Topics.sharedTelemetry(cfg.group());
        Mqtt5SubscribeBuilder.Start subscribe = Mqtt5Subscribe.builder();
        Mqtt5SubscribeBuilder.Complete all = null;
        for (String f : filters) {
            all = (all == null ? subscribe : all).addSubscription().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
        }
        client.subscribe(all.build()).whenComplete((subAck, e) -> {
            if (e instanceof Mqtt5SubAckException refusal) {
                events.subscribed(reconnect, cfg.mqttUrl(), refused(filters, (Mqtt5SubAck) refusal.getMqttMessage()));
            } else if (e != null) {
                LOG.warn("subscribe to {} not answered: {} (trying again on the next connect)", filters, message(e));
            } else {
                events.subscribed(reconnect, cfg.mqttUrl(), refused(filters, subAck));
            }
        });
    }

    private static List<String> refused(List<String> filters, Mqtt5SubAck subAck) {
        List<String> refused = new ArrayList<>();
        List<Mqtt5SubAckReasonCode> codes = subAck.getReasonCodes();
        for (int i = 0; i < codes.size() && i < filters.size(); i++) {
            if (codes.get(i).isError()) {
                refused.add(filters.get(i) + " (reason 0x" + Integer.toHexString(codes.get(i).getCode()) + ")");
            }
        }
        return refused;
    }

    private void disconnected(MqttClientDisconnectedContext ctx) {
        connected = false;
        if (closing || !everConnected) {
            return; // a first connect that failed is reported by connect(); the collector does not start
        }
        events.lost(message(ctx.getCause()));
        ctx.getReconnector().reconnect(true)
                .resubscribeIfSessionPresent(false) // connected() subscribes on every connect, and checks the SUBACK
                .resubscribeIfSessionExpired(false)
                .delay(reconnects.lost().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void arrived(Mqtt5Publish p) {
        int qos = p.getQos().getCode();
        Delivery d = new Delivery(p.getTopic().toString(), p.getPayloadAsBytes(), ids.incrementAndGet(), qos, System.currentTimeMillis());
        if (qos > 0) {
            unacked.put(d, p);
        }
        try {
            events.arrived(d);
        } catch (InterruptedException e) {
            // closing: the message stays unacknowledged, and the broker delivers it again to the resumed session
            unacked.remove(d);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void ack(Delivery d) {
        Mqtt5Publish p = unacked.remove(d);
        if (p != null) {
            // from an earlier connection HiveMQ ignores it: the broker has sent that message again on the resumed session
            p.acknowledge();
        }
    }

    @Override
    public boolean isConnected() {
        return connected && client.getState().isConnected();
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (client.getState().isConnectedOrReconnect()) {
                client.disconnect().get(3, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("disconnect: {}", message(e));
        }
        loop.shutdownNow(); // also wakes a callback blocked on the in-flight budget
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof Mqtt5DisconnectException d) {
            return d.getMqttMessage().getReasonCode() + d.getMqttMessage().getReasonString().map(s -> ": " + s).orElse("");
        }
        return t == null ? "?" : t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
