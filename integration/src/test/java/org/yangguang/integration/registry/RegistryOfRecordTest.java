package org.yangguang.integration.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yangguang.testkit.ChildJvm;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One registry of record (issue 16 item 1), end to end over real servers: distribution (H2, then PostgreSQL) holds a
 * station's position, gateway and devices — one declared, one reported by a scan and confirmed by an operator; a
 * collector in its own JVM takes them with its service account ({@code --registry-url}), caches them, and keeps them
 * when distribution stops; restarted while distribution is still down, it starts from the cache and says so in
 * /health and /metrics.
 */
class RegistryOfRecordTest {
    static final String SECRET = "collector-secret-" + UUID.randomUUID();
    /** A station of its own: the demo's are seeded with their gateways and devices already (demo/county.yaml). */
    static final String STATION = "lin-registry-01";
    static final String GATEWAY = "gw-registry-01";
    /** The devices the demo seed declares at its stations, which the collector takes from the feed as well. */
    static final int SEEDED = org.yangguang.distribution.demo.DemoCounty.bundled().stations().stream()
            .mapToInt(s -> s.devices().size()).sum();
    static final String TOKEN = "collector-api-token-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "distribution on {0}")
    @ValueSource(strings = {"h2", "postgres"})
    void theCollectorTakesItsStationsFromDistributionAndKeepsThemWhenItIsDown(String db) throws Exception {
        EmbeddedServer distribution = startDistribution(db);
        Process collector = null;
        try {
            BlockingHttpClient http = distribution.getApplicationContext()
                    .createBean(HttpClient.class, distribution.getURL()).toBlocking();
            String base = "/api/registry/stations/" + STATION;
            http.exchange(admin(HttpRequest.POST("/api/registry/stations", Map.of("code", STATION, "name", "登记测试电站",
                    "kind", "VILLAGE", "capacityKwp", 300, "gridDate", "2017-06-30", "tariffBatch", "poverty-2017",
                    "resourceZone", "III", "reason", "commissioning"))), String.class);
            http.exchange(admin(HttpRequest.PUT(base + "/site", Map.of("latitude", "37.95", "longitude", "110.99",
                    "reason", "survey"))), String.class);
            http.exchange(admin(HttpRequest.POST(base + "/gateways", Map.of("code", GATEWAY, "reason",
                    "commissioning"))), String.class);
            http.exchange(admin(HttpRequest.POST(base + "/devices", Map.of("code", "inv-01", "kind", "inverter",
                    "capacityKwp", "50", "unit", 1, "link", Map.of("host", "127.0.0.1", "port", 502),
                    "gateway", GATEWAY, "reason", "commissioning"))), String.class);
            // a scan at the station reports a second inverter; until an operator confirms it, the collector does not see it
            http.exchange(HttpRequest.POST(base + "/scans", Map.of("gateway", GATEWAY, "link",
                    Map.of("host", "127.0.0.1", "port", 502), "found", List.of(Map.of("unit", 1, "kind", "inverter"),
                            Map.of("unit", 2, "kind", "inverter", "serial", "SIM-0002"))))
                    .basicAuth("installer-svc", SECRET), String.class);

            Path credentials = dir.resolve("collector.credentials");
            Files.writeString(credentials, "collector-svc:" + SECRET + "\n");
            Path cache = dir.resolve("state/registry-cache.json");
            Path log1 = dir.resolve("collector-1.log");
            List<String> args = List.of("--mqtt", Services.mqttUrl(), "--influx", Services.influxUrl(),
                    "--database", "yg_registry_" + db, "--client-id", "collector-registry-" + db, "--http-port", "0",
                    "--registration", "strict", "--registry-url", distribution.getURL().toString(),
                    "--registry-credentials", credentials.toString(), "--registry-cache", cache.toString(),
                    "--registry-refresh", "1s");
            collector = startCollector(args, log1);
            int port = httpPort(log1);
            Map<String, Object> health = json(port, "/health");
            assertThat(health.get("status")).isEqualTo("UP");
            Map<?, ?> registry = (Map<?, ?>) health.get("registry");
            assertThat(registry.get("source")).isEqualTo("distribution");
            assertThat(((Number) registry.get("stations")).intValue()).isGreaterThanOrEqualTo(3);
            assertThat(((Number) registry.get("devices")).intValue()).isEqualTo(SEEDED + 1);
            Map<?, ?> own = station(port);
            assertThat(((Number) own.get("kwp")).doubleValue()).isEqualTo(300.0);
            assertThat(((Number) own.get("lat")).doubleValue()).isEqualTo(37.95);
            assertThat(((Number) own.get("lon")).doubleValue()).isEqualTo(110.99);

            // the operator confirms the scanned inverter: the next refresh brings it to the collector
            http.exchange(HttpRequest.POST(base + "/devices/inv-02/confirm", Map.of("capacityKwp", "50", "reason",
                    "checked on site")).basicAuth("operator", "yangguang-demo"), String.class);
            await(() -> ((Number) ((Map<?, ?>) json(port, "/health").get("registry")).get("devices")).intValue() == SEEDED + 2,
                    "the confirmed inverter in the collector's registry");
            assertThat(Files.readString(cache)).contains("\"inv-02\"").contains("\"" + GATEWAY + "\"");

            // distribution stops: the collector keeps its registry and says where it comes from
            distribution.close();
            distribution = null;
            await(() -> "cache: distribution unreachable".equals(((Map<?, ?>) json(port, "/health").get("registry"))
                    .get("source")), "the collector to notice distribution is gone");
            assertThat(json(port, "/health").get("status")).isEqualTo("UP");
            assertThat(metrics(port)).contains("yangguang_collector_registry_from_cache 1.0");
            assertThat(((Number) station(port).get("kwp")).doubleValue()).isEqualTo(300.0);

            // restarted while distribution is still down: it starts from the cache
            collector.destroy();
            assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Path log2 = dir.resolve("collector-2.log");
            collector = startCollector(args, log2);
            int port2 = httpPort(log2);
            Map<?, ?> fromCache = (Map<?, ?>) json(port2, "/health").get("registry");
            assertThat(fromCache.get("source")).isEqualTo("cache: distribution unreachable");
            assertThat(((Number) fromCache.get("devices")).intValue()).isEqualTo(SEEDED + 2);
            assertThat(fromCache.get("last_error").toString()).contains("ConnectException");
            assertThat(((Number) station(port2).get("lat")).doubleValue()).isEqualTo(37.95);
        } finally {
            if (collector != null) {
                collector.destroyForcibly();
            }
            if (distribution != null) {
                distribution.close();
            }
        }
    }

    private static io.micronaut.http.MutableHttpRequest<?> admin(io.micronaut.http.MutableHttpRequest<?> r) {
        return r.basicAuth("admin", "yangguang-demo");
    }

    private static EmbeddedServer startDistribution(String db) {
        Map<String, Object> p = new HashMap<>();
        if (db.equals("postgres")) {
            JdbcTarget pg = Services.freshPostgresDatabase("registry_it");
            p.put("datasources.default.url", pg.url());
            p.put("datasources.default.username", pg.user());
            p.put("datasources.default.password", pg.password());
            p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        } else {
            p.put("datasources.default.url", "jdbc:h2:mem:reg" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        }
        p.put("micronaut.server.port", -1);
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.influx.url", Services.influxUrl());
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", UUID.randomUUID() + "-" + UUID.randomUUID());
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        for (String[] svc : new String[][]{{"collector-svc", "COLLECTOR"}, {"installer-svc", "INSTALLER"}}) {
            p.put("yangguang.service-accounts." + svc[0] + ".role", svc[1]);
            p.put("yangguang.service-accounts." + svc[0] + ".county", "lin");
            p.put("yangguang.service-accounts." + svc[0] + ".secret", SECRET);
        }
        try {
            p.put("yangguang.ledger.checkpoint-dir", Files.createTempDirectory("yg-registry-ledger-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    private static Process startCollector(List<String> args, Path log) {
        return ChildJvm.start("org.yangguang.collector.CollectorMain", List.of("-Xmx256m"), args,
                Map.of("YANGGUANG_COLLECTOR_HTTP_TOKEN", TOKEN), "COLLECTOR READY http=", log, Duration.ofSeconds(90));
    }

    private static int httpPort(Path log) throws java.io.IOException {
        Matcher m = Pattern.compile("COLLECTOR READY http=(\\d+)").matcher(Files.readString(log));
        assertThat(m.find()).as("ready line in " + log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Map<?, ?> station(int port) throws Exception {
        List<?> stations = new com.fasterxml.jackson.databind.ObjectMapper().readValue(get(port, "/api/stations"), List.class);
        return stations.stream().map(Map.class::cast).filter(s -> STATION.equals(s.get("station"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(int port, String path) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(get(port, path), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String metrics(int port) throws Exception {
        return get(port, "/metrics");
    }

    private static String get(int port, String path) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
