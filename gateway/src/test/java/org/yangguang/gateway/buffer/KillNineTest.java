package org.yangguang.gateway.buffer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.SeqRanges;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.ChildJvm;
import org.yangguang.testkit.MosquittoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway process is killed with SIGKILL while the broker is down and readings pile up in the buffer;
 * after a restart of both, every sequence number ever assigned arrives: none lost, counted one by one.
 */
class KillNineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigkillDuringAnOutageLosesNoReading(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000),
                     2, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = TelemetrySubscriber.receipting(broker.url(), Topics.TELEMETRY_BATCH_FILTER,
                     Topics.status("lin-baiwen-01", "gw-kill"))) {
            Path config = dir.resolve("station.yaml");
            Files.writeString(config, String.join("\n",
                    "station: lin-baiwen-01",
                    "gateway: gw-kill",
                    "pollInterval: 100ms",
                    "mqtt: {url: '" + broker.url() + "', maxReconnectDelay: 300ms}",
                    "buffer: {dir: buffer, syncInterval: 100ms}",
                    "links:",
                    "  - tcp: {host: 127.0.0.1, port: " + slave.port() + "}",
                    "    devices:",
                    "      - {id: inv-01, unit: 1, sunspec: true}",
                    "      - {id: inv-02, unit: 2, sunspec: true}",
                    ""));
            Process first = startGateway(config, dir.resolve("first.log"));
            assertThat(sub.await(Duration.ofSeconds(20), () -> seqs(sub).size() >= 10)).isTrue();

            broker.stop();
            int beforeOutage = seqs(sub).size();
            Thread.sleep(1500); // ~30 readings go to the buffer only
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137); // 128 + SIGKILL

            broker.restart();
            Process second = startGateway(config, dir.resolve("second.log"));
            try {
                // the backlog reaches the subscriber once its own client is back
                assertThat(sub.await(Duration.ofSeconds(30), () -> seqs(sub).size() > beforeOutage + 20)).isTrue();
            } finally {
                second.toHandle().destroy(); // SIGTERM (the handle keeps our end of its output open, so its log keeps the shutdown)
            }
            assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();

            long assigned;
            SeqRanges kept;
            try (DiskBuffer left = DiskBuffer.open(dir.resolve("buffer"), 64L << 20, 4L << 20)) {
                assigned = left.nextSeq() - 1;
                kept = left.unconfirmed();
            }
            // Every sequence number ever assigned either reached the subscriber or is still in the buffer, unconfirmed
            // (polled in the last moments, or receipted after the gateway stopped listening): none lost.
            // What the second run sent before it stopped may reach the subscriber a little later.
            assertThat(sub.await(Duration.ofSeconds(20), () -> accountedFor(seqs(sub), kept) == assigned)).isTrue();
            TreeSet<Long> got = seqs(sub);
            assertThat(got.first()).isEqualTo(1);
            assertThat(got.last()).isLessThanOrEqualTo(assigned);
            assertThat(got.size()).as("readings buffered during the outage and before the kill were delivered")
                    .isGreaterThan(beforeOutage + 20);
            assertThat(kept.count()).as("the buffer keeps only readings no receipt named").isLessThan(assigned);
            String status = Topics.status("lin-baiwen-01", "gw-kill");
            assertThat(sub.await(Duration.ofSeconds(10), () -> state(sub, status).equals("offline")))
                    .as("the clean shutdown's retained offline status; the gateway's log:%n%s", Files.readString(dir.resolve("second.log")))
                    .isTrue();
        }
    }

    @Test
    void theBrokerAnnouncesAKilledGatewayAsOfflineThroughItsLastWill(@TempDir Path dir) throws Exception {
        try (MosquittoServer broker = MosquittoServer.start();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = new TelemetrySubscriber(broker.url(), Topics.status("lin-baiwen-01", "gw-will"))) {
            Path config = dir.resolve("station.yaml");
            Files.writeString(config, String.join("\n",
                    "station: lin-baiwen-01",
                    "gateway: gw-will",
                    "mqtt: {url: '" + broker.url() + "'}",
                    "buffer: {dir: buffer}",
                    "links:",
                    "  - tcp: {host: 127.0.0.1, port: " + slave.port() + "}",
                    "    devices:",
                    "      - {id: inv-01, unit: 1, sunspec: true}",
                    ""));
            String topic = Topics.status("lin-baiwen-01", "gw-will");
            Process gw = startGateway(config, dir.resolve("gw.log"));
            assertThat(sub.await(Duration.ofSeconds(10), () -> state(sub, topic).equals("online"))).isTrue();
            gw.destroyForcibly();
            assertThat(gw.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sub.await(Duration.ofSeconds(10), () -> state(sub, topic).equals("offline"))).isTrue();
            TelemetrySubscriber.Received will = sub.last(topic);
            assertThat(GatewayStatus.decode(will.payload()).buffered()).as("a last will cannot know the buffer").isEqualTo(-1);
        }
    }

    private static String state(TelemetrySubscriber sub, String topic) {
        TelemetrySubscriber.Received r = sub.last(topic);
        try {
            return r == null ? "" : GatewayStatus.decode(r.payload()).state();
        } catch (Exception e) {
            return "";
        }
    }

    private static Process startGateway(Path config, Path log) {
        return ChildJvm.start("org.yangguang.gateway.GatewayMain", List.of("-Xmx64m"), List.of("run", "--config", config.toString()),
                Map.of(), "GATEWAY READY", log, Duration.ofSeconds(30));
    }

    /** How many of 1..n are received or kept, as long as there is no gap. */
    private static long accountedFor(TreeSet<Long> received, SeqRanges kept) {
        SeqRanges all = SeqRanges.copyOf(kept);
        received.forEach(all::add);
        return all.isEmpty() || all.first() != 1 || all.rangeCount() != 1 ? -1 : all.last();
    }

    private static TreeSet<Long> seqs(TelemetrySubscriber sub) {
        TreeSet<Long> s = new TreeSet<>();
        List<TelemetrySubscriber.Received> all = sub.matching(m -> m.topic().startsWith(Topics.ROOT_V2 + "/telemetry/"));
        for (TelemetrySubscriber.Received m : all) {
            try {
                s.add(JSON.readTree(m.payload()).get("seq").asLong());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }
}
