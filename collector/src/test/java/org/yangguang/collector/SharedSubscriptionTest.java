package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.Services;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors in one group split the stream: every message stored once, none delivered to both. One receives
 * through HiveMQ's client and the other through Paho's, as in a group upgraded one collector at a time.
 */
class SharedSubscriptionTest {
    @Test
    void twoCollectorsSplitTheMessagesWithNoneLostAndNoneDoubled() throws Exception {
        String db = Influx.freshDatabase();
        int n = 2000;
        BlockedThreadWarnings.clear();
        CollectorConfig.Builder cfg = SpineTest.config(db);
        try (Collector a = Collector.start(cfg.clientId("a-" + UUID.randomUUID().toString().substring(0, 6)).build());
             Collector b = Collector.start(cfg.clientId("b-" + UUID.randomUUID().toString().substring(0, 6))
                     .mqttClient(org.yangguang.collector.ingest.MqttClientKind.PAHO).build());
             Publisher pub = new Publisher(Services.mqttUrl())) {
            Stream.publish(pub, "shared", 1782014400000L, 0, n, 0, 0);
            Influx.await(() -> a.metrics().storedCount() + b.metrics().storedCount() >= n, Duration.ofSeconds(30), n + " stored");
            Thread.sleep(300); // would a message arrive twice, it would arrive now
            assertThat(a.metrics().receivedCount() + b.metrics().receivedCount()).isEqualTo(n);
            assertThat(a.metrics().storedCount() + b.metrics().storedCount()).isEqualTo(n);
            assertThat(a.metrics().receivedCount()).isGreaterThan(n / 5.0);
            assertThat(b.metrics().receivedCount()).isGreaterThan(n / 5.0);
            assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(n);
            assertThat(BlockedThreadWarnings.eventLoopWarnings()).isEmpty();
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }
}
