package org.yangguang.packaging;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.Services;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Issue 16 item 3: each service's Debian package, installed on this machine with dpkg as an operator would, runs
 * from the installed layout against real servers (Mosquitto, InfluxDB, PostgreSQL, a simulated station over Modbus
 * TCP), answers /health, stops on SIGTERM, keeps the operator's edited configuration across a reinstall, and
 * leaves on purge. Everything it installs it removes again (also what an aborted earlier run left); it refuses to
 * run where a yangguang package was installed by someone else.
 */
class PackageInstallIT {
    private static final List<String> SERVICES = List.of("gateway", "collector", "distribution");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    /** Left while this test's packages are on the machine, so that a later run knows they were its own. */
    private static final Path MARKER = Path.of("/var/lib/yangguang/.installed-by-package-test");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void onlyAsRootAndNotOverARealInstallation() {
        assumeThat(System.getProperty("user.name")).as("installing packages needs root (./yangguang test runs as root)")
                .isEqualTo("root");
        for (String s : SERVICES) {
            if (Dpkg.installed("yangguang-" + s)) {
                assertThat(MARKER).as("yangguang-" + s + " is installed on this machine and not by this test: "
                        + "refusing to purge it").exists();
            }
        }
        removeEverything();
    }

    @AfterAll
    static void cleanUp() {
        if ("root".equals(System.getProperty("user.name"))) {
            removeEverything();
        }
    }

    @Test
    void eachPackageInstallsRunsAnswersHealthStopsKeepsEditsAndPurges() throws Exception {
        String installOutput = "";
        Map<String, Path> debs = new LinkedHashMap<>();
        for (String s : SERVICES) {
            debs.put(s, deb(s));
        }
        Files.createDirectories(MARKER.getParent());
        Files.writeString(MARKER, "yangguang packages installed by PackageInstallIT; it purges them\n");
        for (String s : SERVICES) {
            Dpkg.Result r = Dpkg.dpkg("-i", debs.get(s).toString()).expectOk("dpkg -i yangguang-" + s);
            assertThat(r.out()).contains("edit /etc/yangguang/" + s + "/");
            assertInstalledLayout(s);
            if (s.equals("distribution")) {
                installOutput = r.out();
            }
        }
        // the ledger's checkpoints are signed from the first start with a key the package made on this machine:
        // the service reads it, only root changes it, and the public key an auditor needs was printed
        String signingKey = "/etc/yangguang/distribution/ledger-signing.key";
        assertThat(Dpkg.ownerAndMode(signingKey)).isEqualTo("root:yangguang-distribution 640");
        String publicKey = Dpkg.run("/usr/bin/yangguang-ledger", "public-key").expectOk("yangguang-ledger public-key")
                .out().strip();
        assertThat(publicKey).isNotBlank();
        assertThat(installOutput).contains("public key (publish it; auditors pass it as --public-key): " + publicKey);
        assertNoBenchmarkClassesIn("gateway");
        assertNoBenchmarkClassesIn("collector");

        Map<String, String> edited = new LinkedHashMap<>();
        try (SimulatedStation station = SimulatedStation.start(SimulatorConfig.defaults(2, 50_000), Clock.systemUTC());
             InstalledService gateway = new InstalledService("gateway");
             InstalledService collector = new InstalledService("collector");
             InstalledService distribution = new InstalledService("distribution")) {
            int gatewayHealth = freePort();
            int collectorHttp = freePort();
            int distributionHttp = freePort();
            edited.putAll(configureGateway(station.port(), gatewayHealth));
            edited.putAll(configureCollector(collectorHttp));
            edited.putAll(configureDistribution(distributionHttp));

            gateway.start(TARGET.resolve("installed-gateway.log"));
            collector.start(TARGET.resolve("installed-collector.log"));
            distribution.start(TARGET.resolve("installed-distribution.log"));

            Map<String, Object> gw = awaitHealth(gateway, gatewayHealth,
                    body -> body.contains("\"status\":\"UP\"") && count(body, "polls_ok") >= 2 && count(body, "mqtt_acked") >= 2);
            assertThat(gw.get("body").toString()).contains("\"station\":\"pkg-test-01\"");
            awaitHealth(collector, collectorHttp, body -> body.contains("\"status\":\"UP\""));
            awaitHealth(distribution, distributionHttp, body -> body.contains("\"status\":\"UP\""));
            assertThat(Files.readString(TARGET.resolve("installed-distribution.log")))
                    .as("the installed service signs with the package's key, not a key of its process")
                    .doesNotContain("yangguang.ledger.signing-key is not set");
            // the gateway's buffer is where its unit lets it write, and its own
            assertThat(Dpkg.ownerAndMode("/var/lib/yangguang/gateway/buffer")).startsWith("yangguang-gateway:yangguang-gateway");

            for (InstalledService s : List.of(gateway, collector, distribution)) {
                // its logging works from the installed classpath (the collector's did not: logback-core was missing)
                assertThat(Files.readString(TARGET.resolve("installed-" + s.service + ".log")))
                        .as("yangguang-" + s.service + " log").doesNotContain("SLF4J(E)", "No SLF4J providers").contains(" INFO ");
                int rc = s.stop();
                // a clean stop is 0, or SIGTERM's 143 that the unit declares a success
                assertThat(List.of("0").contains(String.valueOf(rc)) || s.words("Service", "SuccessExitStatus")
                        .contains(String.valueOf(rc))).as("yangguang-" + s.service + " exit code " + rc).isTrue();
            }
        }

        // An upgrade (here: the same package again) keeps what the operator edited, and runs its scripts again.
        String keyBefore = Files.readString(Path.of(signingKey));
        for (String s : SERVICES) {
            Dpkg.dpkg("-i", debs.get(s).toString()).expectOk("dpkg -i again yangguang-" + s);
        }
        assertThat(Files.readString(Path.of(signingKey))).as("an upgrade never replaces the signing key").isEqualTo(keyBefore);
        for (Map.Entry<String, String> e : edited.entrySet()) {
            assertThat(Files.readString(Path.of(e.getKey()))).as(e.getKey() + " after reinstall").isEqualTo(e.getValue());
        }

        for (String s : SERVICES) {
            Dpkg.Result r = Dpkg.dpkg("--purge", "yangguang-" + s).expectOk("dpkg --purge yangguang-" + s);
            assertThat(r.out()).contains("kept /var/lib/yangguang/" + s);
            assertThat(Path.of("/etc/yangguang/" + s)).doesNotExist();
            assertThat(Path.of("/lib/systemd/system/yangguang-" + s + ".service")).doesNotExist();
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/yangguang-" + s + ".service")).doesNotExist();
            assertThat(Path.of("/usr/bin/yangguang-" + s)).doesNotExist();
            if (s.equals("distribution")) {
                assertThat(r.out()).contains("removed the ledger signing key");
            }
            // data is not configuration: a gateway's unsent readings, the ledger's checkpoints stay
            assertThat(Path.of("/var/lib/yangguang/" + s)).isDirectory();
        }
    }

    @Test
    void eachPlainArchiveHoldsTheSameLayoutAndRunsFromWhereverItIsUnpacked() throws Exception {
        Path dir = Files.createTempDirectory("yg-tar");
        for (String s : SERVICES) {
            Path tar = TARGET.resolve("yangguang-" + s + "-" + version() + ".tar.gz");
            assertThat(tar).exists();
            Dpkg.run("tar", "-xzf", tar.toString(), "-C", dir.toString()).expectOk("tar -x " + tar);
            Path home = dir.resolve("yangguang-" + s + "-" + version());
            assertThat(home.resolve("bin/yangguang-" + s)).isExecutable();
            assertThat(home.resolve("lib/" + s + "-" + version() + ".jar")).exists();
            assertThat(home.resolve("systemd/yangguang-" + s + ".service")).exists();
            assertThat(home.resolve("README.md")).exists();
            try (Stream<Path> etc = Files.list(home.resolve("etc"))) {
                assertThat(etc.map(p -> p.getFileName().toString()).sorted().toList())
                        .isEqualTo(listNames(Path.of("src/deb/" + s + "/etc")));
            }
        }
        // started through a symbolic link from elsewhere, as /usr/bin/yangguang-gateway starts it: its usage
        Path link = dir.resolve("gw");
        Files.createSymbolicLink(link, dir.resolve("yangguang-gateway-" + version() + "/bin/yangguang-gateway"));
        Dpkg.Result usage = Dpkg.run(link.toString());
        assertThat(usage.rc()).isEqualTo(1);
        assertThat(usage.out()).contains("usage: gateway run  --config station.yaml");
    }

    private static void assertInstalledLayout(String s) {
        String user = "yangguang-" + s;
        String[] passwd = Dpkg.run("getent", "passwd", user).expectOk("getent passwd " + user).out().trim().split(":");
        assertThat(passwd[5]).isEqualTo("/var/lib/yangguang/" + s);
        assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
        assertThat(Integer.parseInt(passwd[2])).as("a system user").isLessThan(1000);
        assertThat(Dpkg.ownerAndMode("/var/lib/yangguang/" + s)).isEqualTo(user + ":" + user + " 750");
        assertThat(Dpkg.ownerAndMode("/etc/yangguang/" + s)).isEqualTo("root:" + user + " 750");
        try (Stream<Path> files = Files.list(Path.of("/etc/yangguang/" + s))) {
            for (Path f : files.toList()) {
                if (f.toString().endsWith(".env")) {
                    assertThat(Dpkg.ownerAndMode(f.toString())).as(f.toString()).isEqualTo("root:" + user + " 640");
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String conffiles = Dpkg.run("dpkg-query", "-W", "-f=${Conffiles}", user).expectOk("dpkg-query").out();
        for (String f : listNames(Path.of("src/deb/" + s + "/etc"))) {
            assertThat(conffiles).as("conffiles of " + user).contains("/etc/yangguang/" + s + "/" + f);
        }
        if (s.equals("gateway")) {
            assertThat(Dpkg.run("id", "-nG", user).out()).as("serial ports").contains("dialout");
        }
        if (s.equals("distribution")) {
            assertThat(Dpkg.ownerAndMode("/var/lib/yangguang/ledger-checkpoints")).isEqualTo(user + ":" + user + " 750");
        }
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/" + user + ".service")).as("enabled").exists();

        InstalledService unit = new InstalledService(s);
        Dpkg.Result verify = Dpkg.run("systemd-analyze", "verify", unit.unitFile.toString());
        assertThat(verify.rc()).as(verify.out()).isZero();
        assertThat(verify.out()).as("systemd-analyze verify says nothing of it").isBlank();
        assertThat(unit.one("Service", "User")).isEqualTo(user);
        assertThat(unit.one("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.one("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.one("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.one("Service", "PrivateTmp")).isEqualTo("yes");
        assertThat(unit.one("Service", "CapabilityBoundingSet")).isEmpty();
        List<String> writable = unit.words("Service", "ReadWritePaths");
        assertThat(writable).contains("/var/lib/yangguang/" + s);
        if (s.equals("distribution")) {
            assertThat(writable).contains("/var/lib/yangguang/ledger-checkpoints");
        }
        assertThat(unit.one("Service", "ExecStart")).startsWith("/usr/bin/" + user);
        assertThat(unit.one("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    /** Production jars ship production code: no benchmark harness in what a station or the county installs. */
    private static void assertNoBenchmarkClassesIn(String s) throws IOException {
        Path jar = Path.of("/usr/share/yangguang/" + s + "/lib/" + s + "-" + version() + ".jar");
        try (ZipFile z = new ZipFile(jar.toFile())) {
            List<String> bench = z.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && (n.contains("/bench/") || n.contains("Bench"))).toList();
            assertThat(bench).as(jar.toString()).isEmpty();
            assertThat(z.getEntry("org/yangguang/" + s + "/")).as(jar + " is the service's jar").isNotNull();
        }
    }

    private static Map<String, String> configureGateway(int modbusPort, int healthPort) throws IOException {
        String yaml = String.join("\n",
                "# edited by the operator (PackageInstallIT)",
                "station: pkg-test-01",
                "gateway: gw-pkg-test-01",
                "pollInterval: 1s",
                "mqtt:",
                "  url: " + Services.mqttUrl(),
                "buffer:",
                "  dir: /var/lib/yangguang/gateway/buffer",
                "health:",
                "  port: " + healthPort,
                "links:",
                "  - tcp: {host: 127.0.0.1, port: " + modbusPort + "}",
                "    devices:",
                "      - {id: inv-01, unit: 1, sunspec: true}",
                "      - {id: inv-02, unit: 2, sunspec: true}",
                "");
        return Map.of(write("/etc/yangguang/gateway/station.yaml", yaml), yaml);
    }

    private static Map<String, String> configureCollector(int httpPort) throws IOException {
        Path env = Path.of("/etc/yangguang/collector/collector.env");
        String text = Files.readString(env);
        String run = Long.toString(System.nanoTime());
        // the test broker is shared and anonymous: no TLS, no credentials, a group and client of this run only
        text = set(text, "YANGGUANG_COLLECTOR_MQTT", Services.mqttUrl());
        for (String k : List.of("MQTT_USERNAME", "MQTT_PASSWORD", "MQTT_CA", "MQTT_CERT", "MQTT_KEY")) {
            text = set(text, "YANGGUANG_COLLECTOR_" + k, "");
        }
        text = set(text, "YANGGUANG_COLLECTOR_GROUP", "pkg-test-" + run);
        text = set(text, "YANGGUANG_COLLECTOR_CLIENT_ID", "pkg-test-collector-" + run);
        text = set(text, "YANGGUANG_COLLECTOR_INFLUX", Services.influxUrl());
        text = set(text, "YANGGUANG_COLLECTOR_DATABASE", "yg_package_test");
        text = set(text, "YANGGUANG_COLLECTOR_HTTP_PORT", Integer.toString(httpPort));
        text = set(text, "JAVA_OPTS", "-Xms64m -Xmx256m");
        text += "YANGGUANG_COLLECTOR_SESSION_EXPIRY=0\n";
        return Map.of(write(env.toString(), text), text);
    }

    private static Map<String, String> configureDistribution(int httpPort) throws IOException {
        JdbcTarget db = Services.freshPostgresDatabase("yg_package_test");
        Path props = Path.of("/etc/yangguang/distribution/application.properties");
        String p = Files.readString(props);
        p = set(p, "micronaut.server.port", Integer.toString(httpPort));
        p = set(p, "datasources.default.url", db.url());
        p = set(p, "datasources.default.username", db.user());
        p = set(p, "yangguang.influx.url", Services.influxUrl());
        Path env = Path.of("/etc/yangguang/distribution/distribution.env");
        String e = Files.readString(env);
        e = set(e, "DATASOURCES_DEFAULT_PASSWORD", db.password());
        e = e.replace("#YANGGUANG_JWT_SECRET=", "YANGGUANG_JWT_SECRET=package-test-signing-key-of-at-least-32-characters");
        e = set(e, "JAVA_OPTS", "-Xms64m -Xmx384m");
        Map<String, String> out = new LinkedHashMap<>();
        out.put(write(props.toString(), p), p);
        out.put(write(env.toString(), e), e);
        return out;
    }

    /** Replaces the line {@code key=...} (which the shipped file has) with {@code key=value}. */
    private static String set(String text, String key, String value) {
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(key) + "=.*$");
        assertThat(line.matcher(text).find()).as("the shipped file sets " + key).isTrue();
        return line.matcher(text).replaceFirst(java.util.regex.Matcher.quoteReplacement(key + "=" + value));
    }

    private static String write(String path, String text) throws IOException {
        Files.writeString(Path.of(path), text);
        return path;
    }

    private interface BodyCheck {
        boolean ok(String body);
    }

    /** Polls GET /health until it answers 200 and the check holds; fails with the service's log if it never does. */
    private static Map<String, Object> awaitHealth(InstalledService s, int port, BodyCheck check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!s.isAlive()) {
                break;
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && check.ok(r.body())) {
                    return Map.of("status", r.statusCode(), "body", r.body());
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        Path log = TARGET.resolve("installed-" + s.service + ".log");
        throw new AssertionError("yangguang-" + s.service + " (alive: " + s.isAlive() + ") did not answer /health as expected; last: "
                + last + "\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private static long count(String body, String stat) {
        var m = Pattern.compile("\"" + stat + "\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Path deb(String s) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("yangguang-" + s + "_.*_all\\.deb")).toList();
            assertThat(debs).as("one yangguang-" + s + " package in " + TARGET + " (mvn package builds it)").hasSize(1);
            return debs.get(0);
        }
    }

    private static List<String> listNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String version() {
        return System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Purges this test's packages and removes their users and data: the machine as it was. */
    private static void removeEverything() {
        List<String> installed = new ArrayList<>();
        for (String s : SERVICES) {
            if (Dpkg.installed("yangguang-" + s) || Dpkg.run("dpkg-query", "-W", "yangguang-" + s).rc() == 0) {
                installed.add("yangguang-" + s);
            }
        }
        if (!installed.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("--purge"));
            cmd.addAll(installed);
            Dpkg.dpkg(cmd.toArray(String[]::new));
        }
        for (String s : SERVICES) {
            Dpkg.run("rm", "-rf", "/var/lib/yangguang/" + s);
            if (Dpkg.run("getent", "passwd", "yangguang-" + s).rc() == 0) {
                Dpkg.run("deluser", "--quiet", "yangguang-" + s);
            }
            if (Dpkg.run("getent", "group", "yangguang-" + s).rc() == 0) {
                Dpkg.run("delgroup", "--quiet", "yangguang-" + s);
            }
        }
        Dpkg.run("rm", "-rf", "/var/lib/yangguang/ledger-checkpoints", MARKER.toString());
        Dpkg.run("rmdir", "/var/lib/yangguang");
    }
}
