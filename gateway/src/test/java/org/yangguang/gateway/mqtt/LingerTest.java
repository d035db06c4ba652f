package org.yangguang.gateway.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.yangguang.testkit.MosquittoServer;
import org.yangguang.testkit.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mqtt.linger: live readings wait (on disk) to go out together, up to the linger and no longer, and someone
 * waiting for the buffer to drain (a clean shutdown, a test, the benchmark) does not wait the linger out.
 */
class LingerTest {
    @Test
    void readingsLingerTogetherButNoLongerThanTheLingerAndADrainCutsItShort(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = new TelemetrySubscriber(broker.url(), Topics.TELEMETRY_BATCH_FILTER)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
            MqttConfig mqtt = new MqttConfig(broker.url(), null, null, null, "gw-linger", 100, 100,
                    Duration.ofMillis(500), Duration.ofSeconds(2));
            GatewayConfig cfg = GatewayConfig.builder("lin-baiwen-01", "gw-baiwen-01")
                    .mqtt(mqtt)
                    .buffer(new BufferConfig(dir.resolve("buffer"), 64L << 20, Duration.ofMillis(200), 1 << 20))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .build();
            try (Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                BrokerOutageTest.await(gw::isConnected);

                // Three polls in quick succession: nothing goes out before the linger has passed...
                long t0 = System.nanoTime();
                Set<Long> first = seqs(gw, clock, 3);
                Thread.sleep(1000);
                assertThat(BrokerOutageTest.seqs(sub)).as("published before the 2 s linger passed").isEmpty();
                // ...then all three arrive together, about two seconds after the first was polled.
                assertThat(sub.await(Duration.ofSeconds(5), () -> BrokerOutageTest.seqs(sub).containsAll(first))).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4000));
                // ...in one message: the device's three readings as one v2 batch
                assertThat(sub.batches()).isEqualTo(1);

                // A drain does not wait out the linger.
                Set<Long> second = seqs(gw, clock, 2);
                long t1 = System.nanoTime();
                assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(1000));
                assertThat(sub.await(Duration.ofSeconds(5), () -> BrokerOutageTest.seqs(sub).containsAll(second))).isTrue();
            }
        }
    }

    private static Set<Long> seqs(Gateway gw, MutableClock clock, int polls) {
        Set<Long> out = new TreeSet<>();
        for (int i = 0; i < polls; i++) {
            for (Telemetry t : gw.pollOnce()) {
                out.add(t.seq());
            }
            clock.advance(Duration.ofSeconds(5));
        }
        return out;
    }
}
