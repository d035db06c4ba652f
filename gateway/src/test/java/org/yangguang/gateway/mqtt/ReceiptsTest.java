package org.yangguang.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yangguang.gateway.mqtt.BrokerOutageTest.await;
import static org.yangguang.gateway.mqtt.BrokerOutageTest.field;

/**
 * A reading leaves the gateway's buffer on a collector's receipt, never on PUBACK; what the broker took and no
 * receipt named is sent again after the receipt timeout (compressed here to a second), oldest first per device.
 */
class ReceiptsTest {
    private static final String STATION = "lin-baiwen-01";
    private static final String GATEWAY = "gw-receipts";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));

    @Test
    void theBrokerTakingAReadingIsNotEnoughOnlyAReceiptLetsTheBufferForgetIt(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000), 2, SunSpecImages.golden103(0)));
             TelemetrySubscriber collector = TelemetrySubscriber.receipting(broker.url(), Topics.TELEMETRY_BATCH_FILTER);
             Gateway gw = Gateway.create(config(dir, broker.url(), slave.port()), clock)) {
            collector.receipts(false); // takes every message, stores nothing: a rogue subscriber, a lost session
            gw.startUplink();
            await(gw::isConnected);
            List<Telemetry> sent = poll(gw, 10);
            assertThat(gw.awaitPublished(Duration.ofSeconds(10))).as("the broker took them all").isTrue();
            assertThat(gw.uplink().acked()).isEqualTo(sent.size());
            assertThat(gw.buffer().pending()).as("PUBACK deletes nothing").isEqualTo(sent.size());

            await(() -> gw.uplink().resent() >= sent.size()); // a second after the broker took them, unreceipted
            assertThat(gw.buffer().pending()).isEqualTo(sent.size());
            assertThat(gw.stats()).containsEntry("receipts", 0L).containsEntry("confirmed", 0L);

            collector.receipts(true); // a collector that stores them
            assertThat(gw.awaitConfirmed(Duration.ofSeconds(20))).isTrue();
            assertThat(gw.buffer().pending()).isZero();
            assertThat(gw.uplink().confirmed()).isEqualTo(sent.size());
            // each device's readings came again oldest first, after the first round
            Map<String, List<Long>> byDevice = new HashMap<>();
            for (TelemetrySubscriber.Received m : collector.messages()) {
                byDevice.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(field(m.payload(), "seq"));
            }
            assertThat(byDevice).hasSize(2);
            for (List<Long> seqs : byDevice.values()) {
                assertThat(seqs.size()).as("every reading at least twice").isGreaterThanOrEqualTo(20);
                assertThat(seqs.subList(0, 10)).isSorted();
                assertThat(seqs.subList(10, 20)).isSorted();
                assertThat(seqs.subList(10, 20)).isEqualTo(seqs.subList(0, 10));
            }
        }
    }

    @Test
    void readingsACollectorRefusedLeaveTheBufferAndAReceiptForSomeoneElseChangesNothing(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000), 2, SunSpecImages.golden103(0)));
             Gateway gw = Gateway.create(config(dir, broker.url(), slave.port()), clock)) {
            gw.startUplink();
            await(gw::isConnected);
            List<Telemetry> sent = poll(gw, 3); // seq 1..6
            assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();
            MqttAsyncClient c = new MqttAsyncClient(broker.url(), "collector-probe", new MemoryPersistence());
            c.connect().waitForCompletion(10_000);
            try {
                c.publish(Topics.receipt(STATION, "gw-other"), Receipt.of(STATION, "gw-other", "c", 1,
                        SeqRanges.of(1, 6), new SeqRanges()).encode(), 1, false).waitForCompletion(5_000);
                c.publish(Topics.receipt(STATION, GATEWAY), "{\"schema\":1}".getBytes(StandardCharsets.UTF_8), 1, false)
                        .waitForCompletion(5_000);
                Thread.sleep(300);
                assertThat(gw.buffer().pending()).as("nothing of it was for this gateway").isEqualTo(6);

                c.publish(Topics.receipt(STATION, GATEWAY), Receipt.of(STATION, GATEWAY, "c", 1,
                        SeqRanges.of(1, 4), SeqRanges.of(5, 5)).encode(), 1, false).waitForCompletion(5_000);
                await(() -> gw.buffer().pending() == 1);
                assertThat(gw.buffer().unconfirmed().toString()).isEqualTo("6");
                assertThat(gw.uplink().refusedByCollector()).isEqualTo(1);
                assertThat(gw.stats()).containsEntry("receipts", 1L).containsEntry("confirmed", 5L);
            } finally {
                c.disconnect().waitForCompletion(5_000);
                c.close();
            }
            assertThat(sent).hasSize(6);
        }
    }

    private static GatewayConfig config(Path dir, String url, int port) {
        MqttConfig mqtt = new MqttConfig(url, null, null, null, GATEWAY, 100, 20, Duration.ofMillis(500))
                .withReceiptTimeout(Duration.ofSeconds(1));
        return GatewayConfig.builder(STATION, GATEWAY)
                .mqtt(mqtt)
                .buffer(new BufferConfig(dir.resolve("buffer"), 64L << 20, Duration.ofMillis(200), 1 << 20))
                .link(LinkConfig.tcp("127.0.0.1", port, LinkTiming.DEFAULTS,
                        List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"), DeviceConfig.sunspec("inv-02", 2, "inverter"))))
                .build();
    }

    private List<Telemetry> poll(Gateway gw, int cycles) {
        return BrokerOutageTest.poll(gw, clock, cycles);
    }
}
