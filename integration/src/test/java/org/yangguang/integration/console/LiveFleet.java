package org.yangguang.integration.console;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.MutableClock;
import org.yangguang.testkit.Services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real station feeding real servers, for the console and Grafana tests: the simulator's three 50 kW SunSpec
 * inverters (Modbus TCP) → gateway → Mosquitto → collector → InfluxDB (a database of its own, dropped on close).
 * One hand-moved clock drives the sun, the gateway's timestamps and the collector, so the data is daytime data
 * whatever the hour the build runs.
 */
public final class LiveFleet implements AutoCloseable {
    public static final String STATION = "lin-baiwen-01";
    static final String GATEWAY = "gw-baiwen-01";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duration POLL = Duration.ofMinutes(5);

    private final String database;
    private final MutableClock clock;
    private final SimulatedStation sim;
    private final Collector collector;
    private final Gateway gateway;
    private final Path buffer;
    private int polls;

    private LiveFleet(String database, MutableClock clock, SimulatedStation sim, Collector collector, Gateway gateway,
                      Path buffer) {
        this.database = database;
        this.clock = clock;
        this.sim = sim;
        this.collector = collector;
        this.gateway = gateway;
        this.buffer = buffer;
    }

    /**
     * Starts everything with the clock at {@code start}. {@link #localNoonToday()} is a good start for tests that a
     * browser looks at "today": it is daytime on the local date.
     */
    public static LiveFleet start(Instant start) throws IOException {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        MutableClock clock = new MutableClock(start);
        Path buffer = Files.createTempDirectory("yg-fleet");
        // what the collector knows of the station: peak power for equivalent hours, location for the sun
        Path registry = buffer.resolve("stations.txt");
        Files.writeString(registry, "station " + STATION + " kwp=150 lat=37.95 lon=110.99\n"
                + "device " + STATION + "/inv-01 kwp=50\ndevice " + STATION + "/inv-02 kwp=50\ndevice " + STATION + "/inv-03 kwp=50\n");
        forgetRetainedStatus(STATION, GATEWAY);
        SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(3, 50_000), clock);
        Collector collector = null;
        try {
            collector = Collector.start(CollectorConfig.builder()
                    .mqttUrl(Services.mqttUrl()).influxUrl(Services.influxUrl()).database("ui_" + run)
                    .registryFile(registry).group("ui" + run).clientId("ui-collector-" + run).httpPort(0).httpToken(API_TOKEN)
                    // the collector's poll interval matches the gateway's, so offline means missed polls
                    .pollInterval(POLL).batchLinger(Duration.ofMillis(50)).clock(clock).build());
            List<DeviceConfig> devices = List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"),
                    DeviceConfig.sunspec("inv-02", 2, "inverter"), DeviceConfig.sunspec("inv-03", 3, "inverter"));
            Gateway gateway = Gateway.create(GatewayConfig.builder(STATION, GATEWAY)
                    .mqtt(Services.mqttUrl())
                    .link(LinkConfig.tcp("127.0.0.1", sim.port(), LinkTiming.DEFAULTS, devices))
                    .pollInterval(POLL).buffer(Files.createDirectories(buffer.resolve("buffer"))).build(), clock);
            gateway.startUplink();
            // Poll only once connected: readings taken before are a backlog, replayed behind live ones, and the
            // alarm engine's streaks would see them out of order.
            awaitConnected(gateway);
            return new LiveFleet("ui_" + run, clock, sim, collector, gateway, buffer);
        } catch (IOException | RuntimeException e) {
            if (collector != null) {
                collector.close();
            }
            sim.close();
            throw e;
        }
    }

    /**
     * Every fleet's simulated clock starts in the past again, where a real gateway's clock only moves on. The last
     * fleet's retained "offline" (sent when it closed, at a later simulated time than this fleet's "online") would
     * otherwise come after it in the alarm history and show the station offline. A zero-length retained message
     * removes it. (LostEnergyTest's stations need the same.)
     */
    public static void forgetRetainedStatus(String station, String gateway) throws IOException {
        try {
            MqttAsyncClient c = new MqttAsyncClient(Services.mqttUrl(), "fleet-reset-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            c.connect().waitForCompletion(10_000);
            c.publish(Topics.status(station, gateway), new byte[0], 1, true).waitForCompletion(10_000);
            c.disconnect().waitForCompletion(5_000);
            c.close();
        } catch (MqttException e) {
            throw new IOException("cannot reach the broker at " + Services.mqttUrl(), e);
        }
    }

    private static void awaitConnected(Gateway gateway) {
        long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try {
            while (!gateway.isConnected() && System.nanoTime() < connectBy) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!gateway.isConnected()) {
            gateway.close();
            throw new IllegalStateException("gateway did not connect to " + Services.mqttUrl() + " within 15 s");
        }
    }

    /**
     * 12:00 today in Lin County: the console's "today" is the local date and the daylight alarms need the sun up.
     * Before noon this is in the future. The fleet's clock drives the collector, so nothing rejects the readings.
     * The latest noon that was not in the future was yesterday's between local midnight and noon (16:00-04:00 UTC),
     * and the station page then showed an empty "today".
     */
    public static Instant localNoonToday() {
        return ZonedDateTime.now(ZONE).with(LocalTime.NOON).toInstant();
    }

    /** Polls every inverter once at the clock's time, then moves the clock one poll interval on. */
    public void poll() {
        sim.refresh();
        gateway.pollOnce();
        polls++;
        clock.advance(POLL);
    }

    /** Waits until the collector has receipted every reading and InfluxDB holds all of them, then brings the rollups up to date. */
    public void settle() throws InterruptedException {
        if (!gateway.awaitConfirmed(Duration.ofSeconds(30))) {
            throw new AssertionError("the collector did not receipt every reading within 30 s");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long rows = 0;
        try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            while (System.nanoTime() < deadline) {
                QueryResult r = influx.query(new Query("SELECT count(ac_energy) FROM telemetry WHERE station = '" + STATION + "'", database));
                if (r.getResults() != null && r.getResults().get(0).getSeries() != null) {
                    rows = ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
                }
                if (rows >= 3L * polls) {
                    collector.rollupNow();
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("InfluxDB has " + rows + " of " + 3 * polls + " readings after 30 s");
    }

    /**
     * Publishes a device's nameplate as a gateway does when it identifies a unit (serial {@code serial} first read at
     * {@code at}), and waits until the collector lists that serial for the device: two calls with different serials
     * are an inverter swap at the second one's time.
     */
    public void announce(String device, String serial, Instant at) throws Exception {
        byte[] payload = org.yangguang.contract.DeviceNameplate.of(STATION, GATEWAY, device, "inverter", "huawei:sun2000",
                at.toEpochMilli(), org.yangguang.contract.Nameplate.of(java.util.Map.of("manufacturer", "Huawei",
                        "model", "SUN2000-50KTL-M3", "serial", serial))).encode();
        MqttAsyncClient c = new MqttAsyncClient(Services.mqttUrl(), "fleet-np-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        c.connect().waitForCompletion(10_000);
        c.publish(Topics.device(STATION, device), payload, 1, false).waitForCompletion(10_000);
        c.disconnect().waitForCompletion(5_000);
        c.close();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(collectorUrl()
                    + "/api/stations/" + STATION + "/devices")).header("Authorization", "Bearer " + API_TOKEN).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"serial\":\"" + serial + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the collector did not list " + device + " serial " + serial + " within 20 s");
    }

    public MutableClock clock() {
        return clock;
    }

    public SimulatedStation simulator() {
        return sim;
    }

    public Collector collector() {
        return collector;
    }

    public String database() {
        return database;
    }

    /** The collector's API token, which distribution must send (yangguang.collector.token). */
    public static final String API_TOKEN = "live-fleet-collector-token-" + UUID.randomUUID();

    public String collectorUrl() {
        return "http://127.0.0.1:" + collector.httpPort();
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            try {
                collector.close();
            } finally {
                sim.close();
                try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
                    influx.query(new Query("DROP DATABASE \"" + database + "\""));
                }
                try (var files = Files.walk(buffer)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }
}
