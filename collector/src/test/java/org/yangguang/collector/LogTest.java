package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.yangguang.collector.log.OperatorLog;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's log as an operator gets it: CollectorMain in its own process on the runtime classpath a user has
 * (target/classes and the runtime dependencies, not the test classpath), readable lines by default, JSON lines with
 * {@code --log-format json}, and a flood of malformed payloads kept to a few lines and a count per reason.
 */
class LogTest {
    @Test
    void textByDefaultWithAStartLineAndNoFallbackToANopLogger() throws Exception {
        String db = Influx.freshDatabase();
        try (Running c = Running.start(db, List.of())) {
            c.await(l -> l.contains("MQTT connected to"), "the MQTT connected line");
            assertThat(c.lines).noneMatch(l -> l.contains("SLF4J") || l.contains("NOP"));
            assertThat(c.lines).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO .*HTTP on 127\\.0\\.0\\.1:\\d+.*"));
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }

    @Test
    void jsonOnAFlagAndAFloodOfMalformedPayloadsIsAFewLinesAndACount() throws Exception {
        String db = Influx.freshDatabase();
        int flood = 20_000;
        try (Running c = Running.start(db, List.of("--log-format", "json", "--log-summary-interval", "1s"))) {
            String topic = Topics.telemetry("flood-" + db.substring(2), "inv-01");
            try (Publisher pub = new Publisher(Services.mqttUrl())) {
                byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < flood; i++) {
                    pub.publish(topic, bad);
                }
                pub.flush();
            }
            Influx.await(() -> c.metric("yangguang_collector_dead_letters_total{reason=\"not_json\"") >= flood,
                    Duration.ofSeconds(120), flood + " dead letters counted");
            c.await(l -> l.contains("\"event\":\"dead_letter_summary\"") && summaryCount(c.lines) + logged(c.lines) >= flood,
                    "summaries that account for all " + flood);

            List<JsonObject> json = new ArrayList<>();
            for (String l : c.lines) {
                if (!l.startsWith("COLLECTOR READY")) { // the start line for ./yangguang stays plain in both formats
                    json.add(new JsonObject(l)); // every other line is one JSON object
                }
            }
            assertThat(json).allSatisfy(o -> assertThat(o.fieldNames()).contains("time", "level", "logger", "thread", "message"));
            assertThat(json).anyMatch(o -> "INFO".equals(o.getString("level")) && o.getString("message").startsWith("MQTT connected to"));
            long deadLetterLines = json.stream().filter(o -> "dead_letter".equals(o.getString("event"))).count();
            assertThat(logged(c.lines) + summaryCount(c.lines)).isEqualTo(flood);
            // 5 per reason per interval: a flood that lasts a few intervals stays within a few dozen lines
            assertThat(json.size()).isLessThan(200);
            assertThat(deadLetterLines).isGreaterThanOrEqualTo(OperatorLog.FIRST_PER_INTERVAL);
            assertThat(json.stream().filter(o -> "dead_letter".equals(o.getString("event"))).findFirst().orElseThrow().getString("reason"))
                    .isEqualTo("not_json");
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }

    private static long logged(List<String> lines) {
        return lines.stream().filter(l -> l.contains("\"event\":\"dead_letter\"")).count();
    }

    private static long summaryCount(List<String> lines) {
        return lines.stream().filter(l -> l.contains("\"event\":\"dead_letter_summary\""))
                .mapToLong(l -> new JsonObject(l).getLong("count")).sum();
    }

    /** CollectorMain in a process of its own, its output collected line by line. */
    static final class Running implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Process process;
        private int httpPort;

        private Running(Process process) {
            this.process = process;
        }

        static Running start(String db, List<String> extra) throws Exception {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            String cp = target.resolve("classes") + java.io.File.pathSeparator
                    + Files.readString(target.resolve("runtime-classpath.txt")).trim();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, "org.yangguang.collector.CollectorMain",
                    "--mqtt", Services.mqttUrl(), "--influx", Services.influxUrl(), "--database", db,
                    "--group", "log" + db.substring(2), "--client-id", "log-" + UUID.randomUUID().toString().substring(0, 8),
                    "--http-port", "0"));
            cmd.addAll(extra);
            Running r = new Running(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(r.process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        r.lines.add(line);
                        if (line.startsWith("COLLECTOR READY http=")) {
                            r.httpPort = Integer.parseInt(line.substring("COLLECTOR READY http=".length()).trim());
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            r.await(l -> l.startsWith("COLLECTOR READY http="), "COLLECTOR READY");
            return r;
        }

        void await(Predicate<String> line, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(line)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no " + what + " in the collector's output:\n" + String.join("\n", lines));
                }
                Thread.sleep(50);
            }
        }

        /** The value of the first series of /metrics whose line starts with {@code prefix}, 0 if none. */
        double metric(String prefix) {
            HttpResponse<String> m;
            try {
                m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("cannot read the collector's /metrics", e);
            }
            return m.body().lines().filter(l -> l.startsWith(prefix))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
