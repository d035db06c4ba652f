package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.Services;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "org.yangguang.collector.CollectorMain",
                "--mqtt", Services.mqttUrl(), "--influx", Services.influxUrl(), "--database", db,
                "--group", group, "--client-id", clientId, "--http-port", "0"));
        File log = Files.createTempFile("collector-" + name, ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            Files.writeString(log.toPath(), line + "\n", java.nio.file.StandardOpenOption.APPEND);
            if (line.startsWith("COLLECTOR READY http=")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("collector did not get ready; see " + log);
            }
        }
        if (line == null) {
            throw new AssertionError("collector exited before READY; see " + log);
        }
        // keep draining its output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
