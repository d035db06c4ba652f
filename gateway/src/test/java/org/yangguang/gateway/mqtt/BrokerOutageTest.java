package org.yangguang.gateway.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.BufferConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.config.MqttConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.MosquittoServer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away (4G down) while the gateway keeps polling; every reading is buffered on disk and
 * arrives after the broker is back: counted one by one, in order, with live data flowing during the replay.
 */
class BrokerOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReadingTakenDuringAnOutageArrivesAfterwardsInOrder(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000),
                     2, SunSpecImages.golden103(0)));
             TelemetrySubscriber sub = TelemetrySubscriber.receipting(broker.url(), Topics.TELEMETRY_BATCH_FILTER)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
            MqttConfig mqtt = new MqttConfig(broker.url(), null, null, null, "gw-outage", 100, 20, Duration.ofMillis(500));
            GatewayConfig cfg = GatewayConfig.builder("lin-baiwen-01", "gw-baiwen-01")
                    .mqtt(mqtt)
                    .buffer(new BufferConfig(dir.resolve("buffer"), 64L << 20, Duration.ofMillis(200), 1 << 20))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"), DeviceConfig.sunspec("inv-02", 2, "inverter"))))
                    .build();
            try (Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                await(gw::isConnected);
                List<Telemetry> all = new ArrayList<>(poll(gw, clock, 5));
                assertThat(gw.awaitConfirmed(Duration.ofSeconds(10))).isTrue();

                broker.stop();
                await(() -> !gw.isConnected());
                all.addAll(poll(gw, clock, 150)); // 300 readings: 12.5 minutes of 5 s polls, taken offline
                assertThat(all).allMatch(t -> t.status() == DeviceStatus.OK);
                assertThat(gw.buffer().pending()).isEqualTo(300);

                broker.restart();
                await(gw::isConnected);
                // Replay runs at 100/s: the 300 buffered readings take ~3 s. A live poll now must not wait for it.
                Thread.sleep(300);
                List<Telemetry> live = poll(gw, clock, 1);
                all.addAll(live);
                long liveSeq = live.get(0).seq();
                assertThat(sub.await(Duration.ofSeconds(5), () -> seqs(sub).contains(liveSeq))).isTrue();
                assertThat(seqs(sub).size()).as("live reading overtook the replay").isLessThan(all.size());

                assertThat(gw.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
                assertThat(gw.buffer().pending()).isZero();
                TreeSet<Long> expected = new TreeSet<>();
                all.forEach(t -> expected.add(t.seq()));
                assertThat(seqs(sub)).isEqualTo(expected);
                assertThat(expected.last() - expected.first() + 1).isEqualTo(all.size());
                // The backlog was replayed oldest first for each device (a message carries one device's readings,
                // so two devices' batches may cross), and each reading kept its poll time.
                for (String device : List.of("inv-01", "inv-02")) {
                    List<Long> replayOrder = sub.messages().stream().filter(m -> m.topic().endsWith("/" + device))
                            .map(m -> field(m.payload(), "seq")).filter(s -> s > 10 && s < liveSeq).toList();
                    assertThat(replayOrder).as(device).hasSize(150).isSorted();
                }
                assertThat(sub.batches()).as("the backlog went in batches").isLessThan(all.size() / 2);
                assertThat(sub.messages()).allSatisfy(m -> assertThat(field(m.payload(), "ts"))
                        .isEqualTo(all.stream().filter(t -> t.seq() == field(m.payload(), "seq")).findFirst().orElseThrow().ts()));
                assertThat(gw.uplink().connects()).isEqualTo(2);
            }
        }
    }

    static List<Telemetry> poll(Gateway gw, MutableClock clock, int cycles) {
        List<Telemetry> out = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            out.addAll(gw.pollOnce());
            clock.advance(Duration.ofSeconds(5));
        }
        return out;
    }

    static Set<Long> seqs(TelemetrySubscriber sub) {
        Set<Long> s = new TreeSet<>();
        sub.messages().forEach(m -> s.add(field(m.payload(), "seq")));
        return s;
    }

    static long field(byte[] payload, String name) {
        try {
            JsonNode n = JSON.readTree(payload);
            return n.get(name).asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(java.util.function.BooleanSupplier p) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!p.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(20);
        }
    }
}
