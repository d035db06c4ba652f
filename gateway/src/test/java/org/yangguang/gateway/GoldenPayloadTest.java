package org.yangguang.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine end to end: a SunSpec model 1 + 103 register image on a real j2mod slave → discovery → decode with
 * scale factors and sentinels → disk buffer → Paho QoS 1 → real Mosquitto, and the payload that arrives is the
 * contract's golden example, exactly.
 */
class GoldenPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sunspec103ImageArrivesAsTheGoldenPayload(@TempDir Path dir) throws Exception {
        JsonNode golden = JSON.readTree(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        // The buffer hands out sequence numbers; start it where the golden example is.
        Path bufferDir = dir.resolve("buffer");
        Files.createDirectories(bufferDir);
        Files.writeString(bufferDir.resolve("acked"), String.valueOf(golden.get("seq").asLong() - 1));
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(golden.get("ts").asLong()));
        String url = Services.mqttUrl();
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = TelemetrySubscriber.receipting(url, Topics.TELEMETRY_BATCH_FILTER,
                     Topics.status("lin-baiwen-01", "gw-baiwen-01"))) {
            GatewayConfig cfg = GatewayConfig.builder("lin-baiwen-01", "gw-baiwen-01")
                    .mqtt(url)
                    .buffer(bufferDir)
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .build();
            try (Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                List<Telemetry> polled = gw.pollOnce();
                assertThat(polled).hasSize(1);
                assertThat(JSON.readTree(TelemetryCodec.encode(polled.get(0)))).isEqualTo(golden);

                assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();
                String topic = Topics.telemetryBatch("lin-baiwen-01", "inv-01");
                assertThat(sub.await(Duration.ofSeconds(5), () -> sub.last(topic) != null)).isTrue();
                assertThat(JSON.readTree(sub.last(topic).payload())).isEqualTo(golden);
                assertThat(gw.awaitConfirmed(Duration.ofSeconds(10))).as("the receipt empties the buffer").isTrue();
                assertThat(gw.buffer().pending()).isZero();

                String statusTopic = Topics.status("lin-baiwen-01", "gw-baiwen-01");
                assertThat(sub.await(Duration.ofSeconds(5), () -> sub.last(statusTopic) != null)).isTrue();
                assertThat(GatewayStatus.decode(sub.last(statusTopic).payload()).isOnline()).isTrue();
            }
            String statusTopic = Topics.status("lin-baiwen-01", "gw-baiwen-01");
            assertThat(sub.await(Duration.ofSeconds(5),
                    () -> statusOf(sub.last(statusTopic)).equals("offline"))).isTrue();
        }
    }

    private static String statusOf(TelemetrySubscriber.Received r) {
        try {
            return r == null ? "" : GatewayStatus.decode(r.payload()).state();
        } catch (Exception e) {
            return "";
        }
    }
}
