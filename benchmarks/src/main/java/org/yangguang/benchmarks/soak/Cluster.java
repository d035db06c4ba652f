package org.yangguang.benchmarks.soak;

import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.MosquittoServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's JVMs: two collectors ({@code CollectorMain}) in one group and the fleet JVMs ({@link Fleet}), each of
 * which the fault schedule may kill with SIGKILL and start again on the same state (the collector's session, the
 * gateways' buffers). Every second it reads the collectors' resident memory from /proc and their duplicate counter
 * from {@code /metrics}.
 */
final class Cluster implements AutoCloseable {
    static final String DATABASE = "soak";
    private static final String DUPLICATES = "yangguang_collector_readings_duplicate_total";

    private final Soak.Settings s;
    private final MosquittoServer broker;
    private final InfluxServer influx;
    private final Path registry;
    private final Map<String, String> passwords;
    private final Process[] collectors = new Process[2];
    private final int[] httpPorts = new int[2];
    /** Duplicates counted by earlier lives of each collector, and by its current one at the last scrape. */
    private final long[] duplicatesBefore = new long[2];
    private final long[] duplicatesNow = new long[2];
    private final List<Process> fleets = new ArrayList<>();
    private final List<Integer> fleetFirst = new ArrayList<>();
    private final List<Integer> fleetCount = new ArrayList<>();
    private final AtomicLong rssMaxKb = new AtomicLong();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-watch");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    Cluster(Soak.Settings s, MosquittoServer broker, InfluxServer influx, Path registry, Map<String, String> passwords) {
        this.s = s;
        this.broker = broker;
        this.influx = influx;
        this.registry = registry;
        this.passwords = passwords;
        int per = (s.stations() + s.fleets() - 1) / s.fleets();
        for (int first = 1; first <= s.stations(); first += per) {
            fleetFirst.add(first);
            fleetCount.add(Math.min(per, s.stations() - first + 1));
        }
        watch.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    void startCollectors() {
        for (int k = 0; k < collectors.length; k++) {
            startCollector(k);
        }
    }

    synchronized void startCollector(int k) {
        if (httpPorts[k] == 0) {
            httpPorts[k] = Soak.freePort();
        }
        String id = "collector-" + (k + 1);
        collectors[k] = Soak.childJvm("org.yangguang.collector.CollectorMain", List.of("-Xmx512m"), List.of(
                        "--mqtt", broker.url(), "--mqtt-username", Soak.COLLECTOR_USER, "--influx", influx.url(),
                        "--database", DATABASE, "--group", Soak.GROUP, "--client-id", id,
                        "--http-port", String.valueOf(httpPorts[k]), "--registry", registry.toString(),
                        // offline alarms on the compressed poll; a gap alarm after two minutes, past the gateways'
                        // 30 s receipt timeout and replay
                        "--poll-interval", s.poll().toMillis() + "ms", "--gap-alarm-after", "2m"),
                Map.of("YANGGUANG_COLLECTOR_MQTT_PASSWORD", passwords.get(Soak.COLLECTOR_USER)),
                "COLLECTOR READY", s.dir().resolve(id + ".log"));
        Soak.say("%s started (pid %d, HTTP %d)", id, collectors[k].pid(), httpPorts[k]);
    }

    /** SIGKILL, as the OOM killer or a power cut: what it held unwritten stays with the broker in its session. */
    synchronized void killCollector(int k) throws InterruptedException {
        sampleDuplicates(k);
        collectors[k].destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        duplicatesBefore[k] += duplicatesNow[k];
        duplicatesNow[k] = 0;
    }

    void startFleets() {
        for (int f = 0; f < fleetFirst.size(); f++) {
            fleets.add(null);
            startFleet(f);
        }
    }

    int fleetCount() {
        return fleets.size();
    }

    synchronized void startFleet(int f) {
        int heapMb = 256 + 4 * fleetCount.get(f);
        fleets.set(f, Soak.childJvm(Fleet.class.getName(), List.of("-Xmx" + heapMb + "m", "-Xss512k",
                        // one gateway connection per simulated station: j2mod's default 32 handler threads each would be
                        // 15,000 idle threads in a JVM of 468 stations
                        "-D" + org.yangguang.simulator.modbus.ModbusEndpoint.POOL_SIZE_PROPERTY + "=4"), List.of(
                        "--dir", s.dir().toString(), "--mqtt", broker.url(), "--first", String.valueOf(fleetFirst.get(f)),
                        "--count", String.valueOf(fleetCount.get(f)), "--devices", String.valueOf(s.devices()),
                        "--poll", String.valueOf(s.poll().toMillis()), "--pollers", "4"),
                Map.of(), Fleet.READY, s.dir().resolve("fleet-" + fleetFirst.get(f) + ".log")));
        Soak.say("fleet %d started: stations %d..%d (pid %d)", f, fleetFirst.get(f), fleetFirst.get(f) + fleetCount.get(f) - 1,
                fleets.get(f).pid());
    }

    /** A power cut at every station of the fleet JVM: its gateways' buffers are what survives. */
    synchronized void killFleet(int f) throws InterruptedException {
        fleets.get(f).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops every poll, then waits until every gateway's buffer is receipted empty (or the drain timeout). */
    boolean drain() throws IOException, InterruptedException {
        Files.writeString(s.dir().resolve(Fleet.STOP_POLLING), "");
        long stoppedAt = System.currentTimeMillis();
        long deadline = System.nanoTime() + s.drainTimeout().toNanos();
        long pending = -1;
        long nextReport = 0;
        while (System.nanoTime() < deadline) {
            pending = 0;
            boolean fresh = true;
            for (int first : fleetFirst) {
                Path status = s.dir().resolve("fleet-" + first + ".status");
                // a status written before the polls stopped may predate the last poll's readings
                if (!Files.exists(status) || Files.getLastModifiedTime(status).toMillis() < stoppedAt + 1500) {
                    fresh = false;
                    continue;
                }
                pending += status(status).getOrDefault("pending", 0L);
            }
            if (fresh && pending == 0) {
                Soak.say("drained: every gateway's buffer is receipted empty, %d s after the polls stopped",
                        (System.currentTimeMillis() - stoppedAt) / 1000);
                return true;
            }
            if (System.nanoTime() > nextReport) {
                Soak.say("draining: %d readings not yet receipted", pending);
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            }
            Thread.sleep(500);
        }
        Soak.say("NOT drained after %s: %d readings still in the gateways' buffers", s.drainTimeout(), pending);
        return false;
    }

    long resent() throws IOException {
        long resent = 0;
        for (int first : fleetFirst) {
            resent += status(s.dir().resolve("fleet-" + first + ".status")).getOrDefault("resent", 0L);
        }
        return resent;
    }

    private static Map<String, Long> status(Path file) throws IOException {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] w = line.split(" ");
            if (w.length == 2) {
                m.put(w[0], Long.parseLong(w[1]));
            }
        }
        return m;
    }

    void stopFleets() throws InterruptedException {
        for (Process p : fleets) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    synchronized long duplicates() {
        long sum = 0;
        for (int k = 0; k < collectors.length; k++) {
            sampleDuplicates(k);
            sum += duplicatesBefore[k] + duplicatesNow[k];
        }
        return sum;
    }

    long rssMaxMb() {
        return rssMaxKb.get() / 1024;
    }

    private synchronized void sample() {
        for (int k = 0; k < collectors.length; k++) {
            Process p = collectors[k];
            if (p != null && p.isAlive()) {
                rssMaxKb.accumulateAndGet(Soak.rssKb(p.pid()), Math::max);
                sampleDuplicates(k);
            }
        }
    }

    private void sampleDuplicates(int k) {
        if (collectors[k] == null || !collectors[k].isAlive()) {
            return;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[k] + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith(DUPLICATES)) {
                    duplicatesNow[k] = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // busy or restarting: the next second's scrape
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        watch.shutdownNow();
        stopFleets();
        for (Process p : collectors) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
