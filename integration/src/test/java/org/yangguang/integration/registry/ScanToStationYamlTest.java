package org.yangguang.integration.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.gateway.cli.Args;
import org.yangguang.gateway.cli.ConfigCommand;
import org.yangguang.gateway.cli.ScanCommand;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.Services;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a scan at the station to the gateway's configuration, through the registry of record: {@code gateway scan
 * --register} against a simulated station (two SunSpec inverters, serials SIM-0001/2) reports them to distribution as
 * PENDING with their nameplates; {@code gateway config} refuses while none is confirmed, and once an operator confirms
 * them writes a station.yaml the gateway reads, with each inverter at its unit id on the scanned link.
 */
class ScanToStationYamlTest {
    static final String SECRET = "installer-secret-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void scanRegisterConfirmAndWriteStationYaml() throws Exception {
        try (SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(2, 50_000), Clock.systemUTC());
             EmbeddedServer distribution = startDistribution()) {
            BlockingHttpClient http = distribution.getApplicationContext()
                    .createBean(HttpClient.class, distribution.getURL()).toBlocking();
            // a station of its own: the demo's are seeded with their gateways and devices already (demo/county.yaml)
            String station = "lin-scan-01";
            http.exchange(HttpRequest.POST("/api/registry/stations", Map.of("code", station, "name", "扫描测试电站",
                    "kind", "VILLAGE", "capacityKwp", 300, "gridDate", "2017-12-20", "tariffBatch", "poverty-2017",
                    "resourceZone", "III", "reason", "commissioning")).basicAuth("admin", "yangguang-demo"), String.class);
            http.exchange(HttpRequest.POST("/api/registry/stations/" + station + "/gateways", Map.of("code",
                    "gw-scan-01", "reason", "commissioning")).basicAuth("admin", "yangguang-demo"), String.class);
            Path credentials = dir.resolve("installer.credentials");
            Files.writeString(credentials, "installer-svc:" + SECRET + "\n");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = ScanCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(sim.port()),
                    "--units", "1-3", "--timeout-ms", "300", "--register", distribution.getURL().toString(),
                    "--station", station, "--credentials", credentials.toString(), "--gateway", "gw-scan-01"}, 0),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("registered unit 1 as " + station + "/inv-01: NEW (PENDING)")
                    .contains("registered unit 2 as " + station + "/inv-02: NEW (PENDING)");
            List<Map> devices = http.retrieve(HttpRequest.GET("/api/registry/stations/" + station + "/devices")
                    .basicAuth("operator", "yangguang-demo"), Argument.listOf(Map.class));
            assertThat(devices).extracting(d -> d.get("code"), d -> d.get("unitId"), d -> d.get("serial"), d -> d.get("state"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("inv-01", 1, "SIM-0001", "PENDING"),
                            org.assertj.core.groups.Tuple.tuple("inv-02", 2, "SIM-0002", "PENDING"));

            String[] config = {"--station", station, "--registry-url", distribution.getURL().toString(),
                    "--credentials", credentials.toString(), "--mqtt-url", "ssl://broker.county.example:8883",
                    "--buffer-dir", dir.resolve("buffer").toString(), "--password-file", dir.resolve("mqtt.password").toString(),
                    "--out", dir.resolve("station.yaml").toString()};
            Files.writeString(dir.resolve("mqtt.password"), "not-used-here\n");
            ByteArrayOutputStream none = new ByteArrayOutputStream();
            assertThatRefused(config, none);
            assertThat(none.toString(StandardCharsets.UTF_8)).contains("no ACTIVE device");

            for (String d : List.of("inv-01", "inv-02")) {
                http.exchange(HttpRequest.POST("/api/registry/stations/" + station + "/devices/" + d + "/confirm",
                        Map.of("capacityKwp", "50", "reason", "checked on site")).basicAuth("operator", "yangguang-demo"),
                        String.class);
            }
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            assertThat(ConfigCommand.run(new Args(config, 0), System.out, new PrintStream(msg, true, StandardCharsets.UTF_8)))
                    .as(msg.toString(StandardCharsets.UTF_8)).isEqualTo(0);
            GatewayConfig cfg = GatewayConfig.load(dir.resolve("station.yaml"));
            assertThat(cfg.station()).isEqualTo(station);
            assertThat(cfg.gateway()).isEqualTo("gw-scan-01");
            assertThat(cfg.mqtt().url()).isEqualTo("ssl://broker.county.example:8883");
            assertThat(cfg.links()).hasSize(1);
            assertThat(cfg.links().get(0).tcp().port()).isEqualTo(sim.port());
            assertThat(cfg.links().get(0).devices()).extracting(DeviceConfig::id, DeviceConfig::unit)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("inv-01", 1), org.assertj.core.groups.Tuple.tuple("inv-02", 2));
            assertThat(Files.readString(dir.resolve("station.yaml"))).contains("SN SIM-0001").containsPattern("50\\.0+ kWp");
        }
    }

    private static void assertThatRefused(String[] config, ByteArrayOutputStream err) throws InterruptedException {
        assertThat(ConfigCommand.run(new Args(config, 0), System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isNotEqualTo(0);
    }

    private static EmbeddedServer startDistribution() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", "jdbc:h2:mem:scan" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        p.put("micronaut.server.port", -1);
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.influx.url", Services.influxUrl());
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", UUID.randomUUID() + "-" + UUID.randomUUID());
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        p.put("yangguang.service-accounts.installer-svc.role", "INSTALLER");
        p.put("yangguang.service-accounts.installer-svc.county", "lin");
        p.put("yangguang.service-accounts.installer-svc.secret", SECRET);
        p.put("yangguang.ledger.checkpoint-dir", Files.createTempDirectory("yg-scan-ledger-").toString());
        return ApplicationContext.run(EmbeddedServer.class, p);
    }
}
