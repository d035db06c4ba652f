package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.ChildJvm;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A collector process killed with SIGKILL mid-stream and started again with its client id loses nothing. */
class KillTest {
    @Test
    void collectorKilledWithSigkillMidStreamLosesNothing() throws Exception {
        String db = Influx.freshDatabase();
        String clientId = "kill-" + UUID.randomUUID().toString().substring(0, 6);
        String group = "k" + db.substring(2);
        int n = 5000;
        long t0 = System.currentTimeMillis();
        Process first = launch(db, clientId, group, "first");
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    Stream.publish(pub, "killed", t0, 0, n, 100, 100);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Influx.await(() -> stored(db) >= 800, Duration.ofSeconds(30), "800 stored before the kill");
            assertThat(stream).as("the kill must come mid-stream").isNotDone();
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no flush, no DISCONNECT
            assertThat(stored(db)).isLessThan(n);
            Process second = launch(db, clientId, group, "second");
            try {
                stream.get();
                Influx.await(() -> stored(db) == n, Duration.ofSeconds(40), n + " stored after the restart");
            } finally {
                second.destroy();
                assertThat(second.waitFor(20, TimeUnit.SECONDS)).as("SIGTERM stops the collector").isTrue();
            }
        } finally {
            if (first.isAlive()) {
                first.destroyForcibly();
            }
            Influx.drop(Services.influxUrl(), db);
        }
    }

    private static long stored(String db) {
        return Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry");
    }

    private static Process launch(String db, String clientId, String group, String name) throws Exception {
        return ChildJvm.start("org.yangguang.collector.CollectorMain", List.of(), List.of(
                "--mqtt", Services.mqttUrl(), "--influx", Services.influxUrl(), "--database", db,
                "--group", group, "--client-id", clientId, "--http-port", "0"), Map.of(), "COLLECTOR READY http=",
                Files.createTempFile("collector-" + name, ".log"), Duration.ofSeconds(60));
    }
}
