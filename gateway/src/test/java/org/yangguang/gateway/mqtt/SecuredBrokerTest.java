package org.yangguang.gateway.mqtt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.BrokerAccess;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.BufferConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.config.MqttConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.BrokerSecurity;
import org.yangguang.testkit.MosquittoServer;
import org.yangguang.testkit.MutableClock;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yangguang.gateway.mqtt.BrokerOutageTest.await;
import static org.yangguang.gateway.mqtt.BrokerOutageTest.seqs;

/**
 * The gateway against a Mosquitto secured as the READMEs say (testkit {@link MosquittoServer#startSecured}): TLS
 * with a client certificate from the operator's CA, a password per gateway, and the dynamic-security roles of
 * {@link BrokerAccess} (the gateway's own station's topics, its client id bound to its user). What it must do is
 * deliver over TLS; what the broker must do is refuse everyone else; and whatever the broker refuses, the gateway
 * keeps on disk until it is accepted and receipted. The test's subscriber has the collectors' role and receipts what
 * it records, as a collector does once it stored it.
 */
class SecuredBrokerTest {
    static final String STATION = "lin-baiwen-01";
    static final String GATEWAY = "gw-baiwen-01";
    static final String PASSWORD = "baiwen-secret";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
    private MosquittoServer broker;
    private TestModbusSlave slave;
    private final ListAppender<ILoggingEvent> uplinkLog = new ListAppender<>();

    @BeforeEach
    void start() {
        broker = MosquittoServer.startSecured(BrokerSecurity.Options.users(Map.of(GATEWAY, PASSWORD, "monitor", "monitor-secret"))
                .gateway(GATEWAY, STATION, GATEWAY).collector("monitor"));
        slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000), 2, SunSpecImages.golden103(0)));
        uplinkLog.start();
        ((Logger) LoggerFactory.getLogger(MqttUplink.class)).addAppender(uplinkLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(MqttUplink.class)).detachAppender(uplinkLog);
        slave.close();
        broker.close();
    }

    @Test
    void publishesEveryReadingAndTheRetainedStatusOverTlsWithClientCertificateAndPassword(@TempDir Path dir) throws Exception {
        try (TelemetrySubscriber sub = monitor(Topics.TELEMETRY_BATCH_FILTER);
             Gateway gw = Gateway.create(config(dir, STATION, PASSWORD), clock)) {
            gw.startUplink();
            await(gw::isConnected);
            List<Telemetry> sent = poll(gw, 5);
            assertThat(gw.awaitConfirmed(Duration.ofSeconds(20))).as("every reading receipted over TLS").isTrue();
            assertThat(seqs(sub)).isEqualTo(seqsOf(sent));
            assertThat(gw.buffer().pending()).isZero();
            assertThat(sub.messages()).allSatisfy(m -> assertThat(m.topic()).startsWith("yangguang/v2/telemetry/" + STATION + "/"));

            // a subscriber arriving later is handed the retained "online" status the gateway published over TLS
            String status = Topics.status(STATION, GATEWAY);
            try (TelemetrySubscriber late = monitor(status)) {
                assertThat(late.await(Duration.ofSeconds(10), () -> late.last(status) != null)).isTrue();
                assertThat(late.last(status).retained()).isTrue();
                assertThat(late.last(status).text()).contains("\"online\"");
            }
            // and each device's retained nameplate, which the README's ACL lets the station's user write
            String nameplate = Topics.device(STATION, "inv-01");
            try (TelemetrySubscriber late = monitor(nameplate)) {
                assertThat(late.await(Duration.ofSeconds(10), () -> late.last(nameplate) != null)).isTrue();
                assertThat(late.last(nameplate).retained()).isTrue();
                assertThat(org.yangguang.contract.DeviceNameplate.decode(nameplate, late.last(nameplate).payload())
                        .nameplate().serial()).isNotEmpty();
            }
        }
    }

    @Test
    void aWrongPasswordKeepsTheGatewayOutAndBufferingUntilTheBrokerAcceptsItThenNothingIsLost(@TempDir Path dir) throws Exception {
        try (TelemetrySubscriber sub = monitor(Topics.TELEMETRY_BATCH_FILTER);
             Gateway gw = Gateway.create(config(dir, STATION, "an-old-password"), clock)) {
            gw.startUplink();
            await(() -> warnings().stream().anyMatch(w -> w.startsWith("cannot connect")));
            List<Telemetry> sent = poll(gw, 20);
            Thread.sleep(1500); // several reconnect attempts at the test's 500 ms back-off
            assertThat(gw.isConnected()).isFalse();
            assertThat(gw.uplink().connects()).isZero();
            assertThat(gw.buffer().pending()).isEqualTo(40);
            assertThat(sub.messages()).isEmpty();
            // the reason, as an operator reads it in the log: the broker's CONNACK "Not authorized" (0x87)
            assertThat(warnings()).first().asString()
                    .contains("cannot connect to " + broker.tlsUrl(), "Not authorized. (135)", "buffering");

            // the operator gives the broker the password the gateway has
            broker.security().password(GATEWAY, "an-old-password");
            broker.restart();
            await(gw::isConnected);
            assertThat(gw.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
            assertThat(seqs(sub)).isEqualTo(seqsOf(sent));
        }
    }

    @Test
    void theBrokerRefusesAnonymousClientsWrongPasswordsClientsWithoutCertificateAndOtherStationsTopics() throws Exception {
        assertThatThrownBy(() -> connect(broker.url(), null, null, null))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
        assertThatThrownBy(() -> connect(broker.url(), "monitor", "guess", null))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
        // right password, trusted broker, but no client certificate: the TLS handshake itself is refused
        MqttConfig.TlsConfig caOnly = new MqttConfig.TlsConfig(broker.security().ca(), null, null);
        assertThatThrownBy(() -> connect(broker.tlsUrl(), GATEWAY, PASSWORD, caOnly))
                .isInstanceOf(MqttException.class).hasRootCauseInstanceOf(SSLException.class)
                .rootCause().hasMessageContaining("certificate_required");
        // a client that does not trust the test CA refuses the broker (the JVM's CAs did not sign it)
        MqttConfig.TlsConfig jvmTrust = new MqttConfig.TlsConfig(null, broker.security().certificate(GATEWAY),
                broker.security().key(GATEWAY));
        assertThatThrownBy(() -> connect(broker.tlsUrl(), GATEWAY, PASSWORD, jvmTrust))
                .isInstanceOf(MqttException.class).hasCauseInstanceOf(SSLHandshakeException.class)
                .rootCause().hasMessageContaining("unable to find valid certification path");

        // the gateway's login with another client id: refused (a stolen password cannot take over the session)
        assertThatThrownBy(() -> connect(broker.tlsUrl(), GATEWAY, PASSWORD, tls(GATEWAY), "gw-impostor"))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));

        // everything right: in, and the station may publish its own telemetry, but not another station's (PUBACK 0x87);
        // it may read its own receipts, and may not subscribe to telemetry at all, shared or not (SUBACK 0x87)
        MqttAsyncClient c = connect(broker.tlsUrl(), GATEWAY, PASSWORD, tls(GATEWAY), GATEWAY);
        try {
            assertThat(publish(c, Topics.telemetryBatch(STATION, "inv-01"))).isLessThan(0x80);
            assertThat(publish(c, Topics.telemetryBatch("lin-yaotou-01", "inv-01"))).isEqualTo(0x87);
            assertThat(publish(c, Topics.alarm(STATION, "inv-01"))).isEqualTo(0x87);
            assertThat(publish(c, Topics.receipt(STATION, GATEWAY))).as("a gateway cannot receipt itself").isEqualTo(0x87);
            assertThat(subscribe(c, Topics.receipt(STATION, GATEWAY))).isEqualTo(1);
            assertThat(subscribe(c, Topics.receipt(STATION, "gw-other"))).isEqualTo(0x87);
            assertThat(subscribe(c, "$share/collectors/" + Topics.TELEMETRY_BATCH_FILTER)).isEqualTo(0x87);
            assertThat(subscribe(c, Topics.TELEMETRY_BATCH_FILTER)).isEqualTo(0x87);
            assertThat(subscribe(c, "#")).isEqualTo(0x87);
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        // the broker logs what it refused (Mosquitto 2.0 does so at debug level)
        assertThat(java.nio.file.Files.readString(broker.logFile()))
                .contains("Denied PUBLISH from " + GATEWAY)
                .contains("'" + Topics.telemetryBatch("lin-yaotou-01", "inv-01") + "'");
    }

    @Test
    void readingsTheAclRefusesStayInTheBufferUntilTheBrokerTakesThem(@TempDir Path dir) throws Exception {
        // This gateway says it is lin-yaotou-01 but logs in as lin-baiwen-01: the ACL refuses every reading.
        String station = "lin-yaotou-01";
        try (TelemetrySubscriber sub = monitor(Topics.TELEMETRY_BATCH_FILTER);
             Gateway gw = Gateway.create(config(dir, station, PASSWORD), clock)) {
            gw.startUplink();
            await(gw::isConnected);
            List<Telemetry> sent = poll(gw, 3);
            await(() -> gw.uplink().published() >= sent.size());
            Thread.sleep(1000); // refusals come back and are replayed meanwhile
            assertThat(gw.uplink().acked()).isZero();
            assertThat(gw.buffer().confirmedUpTo()).isZero();
            assertThat(gw.buffer().pending()).isEqualTo(sent.size());
            assertThat(sub.messages()).isEmpty();
            assertThat(errors()).as("its receipts are not for it either").anyMatch(e -> e.contains(
                    "the broker refused this gateway's receipt subscription " + Topics.receipt(station, GATEWAY)));

            // the operator gives this gateway lin-yaotou-01's role
            broker.security().grant(GATEWAY, new BrokerSecurity.Grant(BrokerAccess.gateway(station, GATEWAY), GATEWAY));
            broker.restart();
            assertThat(gw.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
            assertThat(seqs(sub)).isEqualTo(seqsOf(sent));
        }
    }

    private GatewayConfig config(Path dir, String station, String password) {
        MqttConfig mqtt = new MqttConfig(broker.tlsUrl(), GATEWAY, password, tls(GATEWAY), GATEWAY, 100, 20,
                Duration.ofMillis(500));
        return GatewayConfig.builder(station, GATEWAY)
                .mqtt(mqtt)
                .buffer(new BufferConfig(dir.resolve("buffer"), 64L << 20, Duration.ofMillis(200), 1 << 20))
                .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                        List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"), DeviceConfig.sunspec("inv-02", 2, "inverter"))))
                .build();
    }

    private MqttConfig.TlsConfig tls(String user) {
        BrokerSecurity s = broker.security();
        return new MqttConfig.TlsConfig(s.ca(), s.certificate(user), s.key(user));
    }

    private TelemetrySubscriber monitor(String filter) throws MqttException {
        return TelemetrySubscriber.receiptingAs(broker.url(), "monitor", "monitor-secret", filter);
    }

    private List<String> warnings() {
        return uplinkLog.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> errors() {
        return uplinkLog.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static MqttAsyncClient connect(String url, String user, String password, MqttConfig.TlsConfig tls) throws MqttException {
        return connect(url, user, password, tls, "probe-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static MqttAsyncClient connect(String url, String user, String password, MqttConfig.TlsConfig tls,
                                           String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setConnectionTimeout(10);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (tls != null) {
            o.setSocketFactory(TlsSockets.from(tls));
        }
        try {
            c.connect(o).waitForCompletion(15_000);
            return c;
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
    }

    /** Subscribes at QoS 1 and returns the SUBACK's reason code (the granted QoS, or a failure at 0x80 and above). */
    private static int subscribe(MqttAsyncClient c, String filter) throws MqttException {
        IMqttToken t = c.subscribe(filter, 1);
        t.waitForCompletion(10_000);
        return t.getReasonCodes()[0];
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code. */
    private static int publish(MqttAsyncClient c, String topic) throws MqttException {
        IMqttToken t = c.publish(topic, "{}".getBytes(StandardCharsets.UTF_8), 1, false);
        try {
            t.waitForCompletion(10_000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        return t.getReasonCodes()[0];
    }

    private List<Telemetry> poll(Gateway gw, int cycles) {
        return BrokerOutageTest.poll(gw, clock, cycles);
    }

    private static Set<Long> seqsOf(List<Telemetry> sent) {
        Set<Long> s = new TreeSet<>();
        sent.forEach(t -> s.add(t.seq()));
        return s;
    }
}
