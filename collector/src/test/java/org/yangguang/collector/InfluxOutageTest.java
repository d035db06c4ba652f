package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.Services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** InfluxDB stopped and restarted mid-stream: nothing is lost, nothing is acknowledged early, the event loop never blocks. */
class InfluxOutageTest {
    private static final long T0 = SpineTest.GOLDEN_TS; // SpineTest.GOLDEN_CLOCK reads T0 + 1 min
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
                    Stream.publish(pub, "outage", T0, 0, n, 100, 50);
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

    @Test
    void bigBatchesWaitAtTheBrokerOnceTheByteBudgetIsFull() throws Exception {
        String db = Influx.freshDatabase();
        String station = "ob" + db.substring(2, 10);
        int messages = 16;
        int perMessage = 450;
        long budget = CollectorConfig.MIN_IN_FLIGHT_BYTES;
        try (InfluxServer influx = InfluxServer.start();
             Collector collector = Collector.start(SpineTest.config(db).influxUrl(influx.url())
                     .retryMin(Duration.ofMillis(50)).retryMax(Duration.ofMillis(500)).maxInFlightBytes(budget).build());
             Publisher pub = new Publisher(Services.mqttUrl())) {
            influx.stop();
            // a county's gateways replaying after an outage: messages of many readings each
            for (int m = 0; m < messages; m++) {
                List<Telemetry> readings = new ArrayList<>();
                for (int i = 0; i < perMessage; i++) {
                    int age = m * perMessage + i;
                    readings.add(Telemetries.inverter(station, "inv-" + m % 4, T0 - age * 1000L, age, 1000 + age, 5_000_000 - age));
                }
                byte[] batch = TelemetryBatch.encode(readings.stream().map(TelemetryCodec::encode).toList());
                assertThat(batch.length).isGreaterThan(100 * 1024);
                pub.publish(Topics.telemetryBatch(station, "inv-" + m % 4), batch);
            }
            pub.flush();
            Influx.await(() -> collector.metrics().inFlight() > 0, Duration.ofSeconds(20), "first batches taken");
            Thread.sleep(1500);
            // Receive Maximum (10,000) would let all 16 in, about 1.8 MB: the byte budget holds the rest at the broker
            assertThat(collector.metrics().inFlightBytesMax()).isLessThanOrEqualTo(budget);
            assertThat(collector.metrics().inFlight()).isBetween(1L, (long) messages - 1);

            influx.restart();
            Influx.await(() -> collector.metrics().storedCount() >= messages * perMessage, Duration.ofSeconds(60),
                    messages * perMessage + " stored");
            assertThat(Influx.count(influx.url(), db, "SELECT count(ac_power) FROM telemetry WHERE station = '" + station + "'"))
                    .isEqualTo(messages * perMessage);
            Influx.await(() -> collector.metrics().inFlightBytes() == 0, Duration.ofSeconds(5), "all acknowledged");
            assertThat(collector.metrics().inFlight()).isZero();
        }
    }
}
