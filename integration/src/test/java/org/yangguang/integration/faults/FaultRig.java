package org.yangguang.integration.faults;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.BufferConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.config.MqttConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.BrokerSecurity;
import org.yangguang.testkit.ChildJvm;
import org.yangguang.testkit.MosquittoServer;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One station on real servers, set up to be hurt: a Mosquitto locked as in production (dynamic-security roles, every
 * login with a password), a simulated station of three SunSpec inverters, its gateway polling every 100 ms with a
 * one-second receipt timeout, a collector, and a fresh InfluxDB database. Every reading the gateway stored is
 * remembered by (device, seq), and {@link #lost()} is what of it InfluxDB's {@code readings} does not hold.
 */
final class FaultRig implements AutoCloseable {
    static final String STATION = "st-fault";
    static final String GATEWAY = "gw-fault";
    static final String GROUP = "collectors";
    static final Map<String, String> USERS = Map.of(GATEWAY, "gw-secret", "collector", "collector-secret",
            "rogue-reader", "rogue-secret", "rogue-gateway", "rogue-gw-secret");

    final MosquittoServer broker;
    final String database = "faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Path dir;
    final Path registry;
    private final SimulatedStation sim;
    final Gateway gateway;
    private final Set<String> produced = new ConcurrentSkipListSet<>();
    private volatile boolean polling;
    private Thread poller;

    FaultRig(Path dir) throws Exception {
        this.dir = dir;
        broker = MosquittoServer.startSecured(BrokerSecurity.Options.users(USERS)
                .gateway(GATEWAY, STATION, GATEWAY)
                .collector("collector")
                .collector("rogue-reader") // a second login with read rights: a misconfigured or stolen collector
                .gateway("rogue-gateway", "st-other", "gw-other")); // no read right at all
        registry = dir.resolve("registry.txt");
        Files.writeString(registry, "station " + STATION + " kwp=150\ngateway " + GATEWAY + " station=" + STATION + "\n");
        sim = SimulatedStation.start(SimulatorConfig.defaults(3, 50_000), Clock.systemUTC());
        MqttConfig mqtt = new MqttConfig(broker.url(), GATEWAY, USERS.get(GATEWAY), null, GATEWAY, 100, 50,
                Duration.ofMillis(500), Duration.ofMillis(20), 20).withReceiptTimeout(Duration.ofSeconds(1));
        gateway = Gateway.create(GatewayConfig.builder(STATION, GATEWAY)
                .mqtt(mqtt)
                .buffer(new BufferConfig(dir.resolve("buffer"), 64L << 20, Duration.ofMillis(200), 1 << 20))
                .link(LinkConfig.tcp("127.0.0.1", sim.port(), LinkTiming.DEFAULTS, List.of(
                        DeviceConfig.sunspec("inv-01", 1, "inverter"), DeviceConfig.sunspec("inv-02", 2, "inverter"),
                        DeviceConfig.sunspec("inv-03", 3, "inverter"))))
                .pollInterval(Duration.ofMillis(100))
                .build(), Clock.systemUTC());
    }

    CollectorConfig.Builder collectorConfig(String clientId) {
        return CollectorConfig.builder().mqttUrl(broker.url()).mqttUsername("collector").mqttPassword(USERS.get("collector"))
                .influxUrl(Services.influxUrl()).database(database).group(GROUP).clientId(clientId).httpPort(0)
                .batchLinger(Duration.ofMillis(50)).registryFile(registry);
    }

    Collector collector(String clientId) {
        return Collector.start(collectorConfig(clientId).build());
    }

    /** Polls every inverter every 100 ms on a thread of its own, whatever the broker and collector do. */
    void startPolling() {
        polling = true;
        poller = new Thread(() -> {
            while (polling) {
                for (Telemetry t : gateway.pollOnce()) {
                    produced.add(key(t.device(), t.seq()));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fault-rig-poller");
        poller.start();
    }

    void stopPolling() throws InterruptedException {
        polling = false;
        poller.join(10_000);
    }

    void pollFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    int produced() {
        return produced.size();
    }

    /** Every (device, seq) InfluxDB holds as stored. */
    Set<String> stored() {
        Set<String> out = new TreeSet<>();
        try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            QueryResult r = influx.query(new Query("SELECT seq FROM readings WHERE outcome = 'stored' GROUP BY device", database),
                    TimeUnit.MILLISECONDS);
            if (r.getResults() == null || r.getResults().get(0).getSeries() == null) {
                return out;
            }
            for (QueryResult.Series s : r.getResults().get(0).getSeries()) {
                for (List<Object> row : s.getValues()) {
                    out.add(key(s.getTags().get("device"), ((Number) row.get(1)).longValue()));
                }
            }
        }
        return out;
    }

    /** Produced readings InfluxDB does not hold. */
    Set<String> lost() {
        Set<String> lost = new TreeSet<>(produced);
        lost.removeAll(stored());
        return lost;
    }

    /** After polling stopped: waits until the gateway's buffer is receipted empty, then says what was lost (none). */
    String settle(String fault, Collector collector) throws InterruptedException {
        if (!gateway.awaitConfirmed(Duration.ofSeconds(60))) {
            throw new AssertionError(fault + ": " + gateway.buffer().pending() + " readings still unconfirmed after 60 s; "
                    + "stats " + gateway.stats());
        }
        Set<String> stored = stored();
        Set<String> lost = new TreeSet<>(produced);
        lost.removeAll(stored);
        String line = fault + ": produced " + produced.size() + ", stored " + stored.size() + ", lost " + lost.size()
                + ", resent " + gateway.uplink().resent()
                + (collector == null ? "" : ", duplicates " + (long) collector.metrics().duplicateCount());
        System.out.println(line);
        return line;
    }

    static String key(String device, long seq) {
        return device + "#" + seq;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A collector in a JVM of its own ({@code CollectorMain}), to be killed with SIGKILL; ready when it says so. */
    Process collectorProcess(String clientId, Path log) {
        return ChildJvm.start("org.yangguang.collector.CollectorMain", List.of("-Xmx256m"), List.of(
                "--mqtt", broker.url(), "--mqtt-username", "collector", "--influx", Services.influxUrl(),
                "--database", database, "--group", GROUP, "--client-id", clientId, "--http-port", "0",
                "--batch-linger", "50ms", "--registry", registry.toString()),
                Map.of("YANGGUANG_COLLECTOR_MQTT_PASSWORD", USERS.get("collector")), // not on the command line
                "COLLECTOR READY", log, Duration.ofSeconds(60));
    }

    @Override
    public void close() throws Exception {
        polling = false;
        if (poller != null) {
            poller.join(5_000);
        }
        gateway.close();
        sim.close();
        broker.close();
        try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            influx.query(new Query("DROP DATABASE " + database));
        }
    }
}
