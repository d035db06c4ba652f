package org.yangguang.collector;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.PemTls;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.BrokerSecurity;
import org.yangguang.testkit.MosquittoServer;
import org.yangguang.testkit.Services;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The collector against a Mosquitto secured as the READMEs say ("Securing the broker" in gateway/README.md):
 * TLS with a client certificate from the operator's CA (given as PEM files, like the gateways'), a password, and
 * the collectors' role, the only one that may subscribe to telemetry (through its shared subscription).
 */
class SecuredBrokerTest {
    static final String STATION = "lin-baiwen-01";
    static final String GATEWAY = "gw-baiwen-01";
    private static MosquittoServer broker;
    private String db;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoServer.startSecured(BrokerSecurity.Options.users(Map.of(STATION, "baiwen-secret",
                "collector", "collector-secret")).gateway(STATION, STATION, GATEWAY).collector("collector"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void database() {
        db = Influx.freshDatabase();
    }

    @AfterEach
    void dropDatabase() {
        Influx.drop(Services.influxUrl(), db);
    }

    @Test
    void storesWhatAGatewayPublishedOverTlsWithClientCertificateAndPassword() throws Exception {
        try (Collector collector = Collector.start(secured("collector-secret").build());
             Publisher gateway = new Publisher(broker.tlsUrl(), gatewayLogin(), GATEWAY)) {
            gateway.publish(Topics.telemetryBatch(STATION, "inv-01"),
                    TelemetryBatch.encode(List.of(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK))));
            gateway.publish(Topics.telemetryBatch(STATION, "inv-02"), TelemetryBatch.encode(List.of(
                    Telemetries.bytes(Telemetries.inverter(STATION, "inv-02", 1782014400000L, 1, 20000, 1)))));
            gateway.flush();
            Influx.await(() -> collector.metrics().storedCount() == 2, Duration.ofSeconds(20), "both readings stored");
            assertThat(Influx.rows(Services.influxUrl(), db, "SELECT ac_power, station, device FROM telemetry WHERE device = 'inv-01'"))
                    .singleElement().satisfies(r -> assertThat(r)
                            .containsEntry("ac_power", 36250).containsEntry("station", STATION).containsEntry("device", "inv-01"));
            assertThat(Influx.rows(Services.influxUrl(), db, "SELECT ac_power FROM telemetry WHERE device = 'inv-02'"))
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("ac_power", 20000));
        }
    }

    @Test
    void aWrongPasswordStopsTheStartWithTheBrokersReason() {
        assertThatThrownBy(() -> Collector.start(secured("guess").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to MQTT broker " + broker.tlsUrl()).hasMessageContaining("Not authorized");
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheHandshake() {
        assertThatThrownBy(() -> Collector.start(secured("collector-secret").mqttCert(null).mqttKey(null).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot connect to MQTT broker")
                .hasRootCauseInstanceOf(SSLException.class).rootCause().hasMessageContaining("certificate_required");
    }

    private CollectorConfig.Builder secured(String password) {
        BrokerSecurity s = broker.security();
        return SpineTest.config(db).mqttUrl(broker.tlsUrl()).mqttUsername("collector").mqttPassword(password)
                .mqttCa(s.ca()).mqttCert(s.certificate("collector")).mqttKey(s.key("collector"));
    }

    /** The station's own login, as its gateway has it. */
    private static MqttConnectionOptions gatewayLogin() {
        BrokerSecurity s = broker.security();
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(STATION);
        o.setPassword("baiwen-secret".getBytes(StandardCharsets.UTF_8));
        o.setSocketFactory(PemTls.context(PemTls.trustManagers(s.ca()), PemTls.keyManagers(s.certificate(STATION), s.key(STATION)))
                .getSocketFactory());
        return o;
    }
}
