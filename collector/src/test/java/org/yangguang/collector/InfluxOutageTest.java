package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.Services;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** InfluxDB stopped and restarted mid-stream: nothing is lost, nothing is acknowledged early, the event loop never blocks. */
class InfluxOutageTest {
    @Test
    void influxStoppedAndRestartedMidStreamLosesNothing() throws Exception {
        String db = Influx.freshDatabase();
        int n = 3000;
        BlockedThreadWarnings.clear();
        try (InfluxServer influx = InfluxServer.start();
             Collector collector = Collector.start(SpineTest.config(db).influxUrl(influx.url())
                     .retryMin(Duration.ofMillis(50)).retryMax(Duration.ofMillis(500)).maxInFlight(500).build());
             Publisher pub = new Publisher(Services.mqttUrl())) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    Stream.publish(pub, "outage", 1782014400000L, 0, n, 100, 50);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Influx.await(() -> collector.metrics().storedCount() >= 500, Duration.ofSeconds(20), "500 stored");
            influx.stop();
            double storedAtStop = collector.metrics().storedCount();
            Thread.sleep(1500);
            // nothing can be acknowledged while InfluxDB is down (at most the writes that were already answered)
            assertThat(collector.metrics().storedCount()).isLessThanOrEqualTo(storedAtStop + 2 * 5000);
            assertThat(collector.metrics().inFlight()).isLessThanOrEqualTo(500);
            influx.restart();
            stream.get();
            Influx.await(() -> collector.metrics().storedCount() >= n, Duration.ofSeconds(30), n + " stored");
            assertThat(Influx.count(influx.url(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(n);
            assertThat(Influx.count(influx.url(), db, "SELECT count(ac_energy) FROM telemetry WHERE ac_energy >= 5000000")).isEqualTo(n);
            assertThat(collector.metrics().retryCount()).isPositive();
            assertThat(collector.metrics().inFlight()).isZero();
            // the blocking InfluxDB client never ran on the event loop, even while it hung on a dead server
            assertThat(BlockedThreadWarnings.eventLoopWarnings()).isEmpty();
        }
    }
}
