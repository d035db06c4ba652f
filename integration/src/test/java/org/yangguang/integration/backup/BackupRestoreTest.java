package org.yangguang.integration.backup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.Services;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 5, as a county's operator would live it: a distribution on PostgreSQL with ledger entries (receipts
 * and a reversal, through the API), an InfluxDB with the collector's schema and three days of six inverters'
 * readings, and the ledger's checkpoint directory; {@code ./yangguang backup}; the database dropped, the InfluxDB
 * database dropped and its server stopped, the checkpoints deleted; {@code ./yangguang restore} into another
 * database, another InfluxDB server and another directory. Every ledger entry (the export, byte for byte), every
 * reading and retention policy, every checkpoint file are back, and {@code ledger verify} passes.
 */
class BackupRestoreTest {
    private static final Path LAUNCHER = Path.of("..", "yangguang").toAbsolutePath().normalize();
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @Test
    void aSystemBackedUpDestroyedAndRestoredElsewhereHasEveryLedgerEntryReadingAndCheckpoint(@TempDir Path tmp) throws Exception {
        String run = Long.toString(System.nanoTime());
        JdbcTarget source = Services.freshPostgresDatabase("yg_backup_source");
        JdbcTarget target = Services.freshPostgresDatabase("yg_backup_target");
        Path checkpoints = Files.createDirectories(tmp.resolve("ledger-checkpoints"));
        Map<String, byte[]> checkpointFiles;

        try (InfluxServer sourceInflux = InfluxServer.start(); InfluxServer targetInflux = InfluxServer.start()) {
            // the collector makes the database, its retention policies and rollups as in production
            try (Collector c = Collector.start(CollectorConfig.builder().mqttUrl(Services.mqttUrl())
                    .influxUrl(sourceInflux.url()).database("yangguang").group("backup" + run)
                    .clientId("backup-collector-" + run).sessionExpirySeconds(0).httpPort(0).build())) {
                assertThat(c.httpPort()).isPositive();
            }
            int readings = writeReadings(sourceInflux.url());
            Map<String, String> influxBefore = influxState(sourceInflux.url());
            assertThat(readings).isEqualTo(6 * 3 * 288);

            String exportBefore;
            int entries;
            try (EmbeddedServer app = distribution(source, checkpoints);
                 HttpClient client = app.getApplicationContext().createBean(HttpClient.class, app.getURL())) {
                BlockingHttpClient http = client.toBlocking();
                for (int i = 0; i < 40; i++) {
                    http.exchange(HttpRequest.POST("/api/stations/" + (i % 2 == 0 ? "lin-baiwen-01" : "lin-central-01") + "/receipts",
                            Map.of("kind", i % 3 == 0 ? "BENCHMARK" : "SUBSIDY", "amountFen", 1_000_000L + 37L * i,
                                    "receivedOn", LocalDate.of(2026, 11, 1 + i % 20).toString(), "reference", "BK-" + run + "-" + i,
                                    "reason", "backup test")).basicAuth("finance", "yangguang-demo"));
                }
                exportBefore = http.retrieve(HttpRequest.GET("/api/ledger/export").basicAuth("finance", "yangguang-demo"));
                // a receipt booked in error, reversed (its split follows it): reversing entries are backed up too
                long someSeq = Long.parseLong(exportBefore.lines().skip(1).filter(l -> l.split(",")[3].equals("RECEIPT"))
                        .skip(2).findFirst().orElseThrow().split(",")[0]);
                http.exchange(HttpRequest.POST("/api/ledger/" + someSeq + "/reverse", Map.of("reason", "wrong account"))
                        .basicAuth("finance", "yangguang-demo"));
                exportBefore = http.retrieve(HttpRequest.GET("/api/ledger/export").basicAuth("finance", "yangguang-demo"));
                entries = (int) exportBefore.lines().count() - 1;
                assertThat(entries).isGreaterThanOrEqualTo(41);
            }
            // the service signed a checkpoint of the head after every transaction (and its own public key beside them)
            checkpointFiles = files(checkpoints);
            assertThat(checkpointFiles).isNotEmpty();
            String someCheckpointFile = checkpointFiles.keySet().iterator().next();

            Path backup = tmp.resolve("backup-" + run);
            Result b = launcher(source.password(), "backup", "--to", backup.toString(), "--pg", libpq(source),
                    "--influx-rpc", sourceInflux.rpcAddress(), "--checkpoints", checkpoints.toString());
            assertThat(b.rc).as(b.out).isZero();
            assertThat(b.out).contains("backup complete: " + backup);
            String manifest = Files.readString(backup.resolve("MANIFEST"));
            assertThat(manifest).contains("format: yangguang-backup 1", "postgresql.dump", "database yangguang -> influxdb/",
                    "ledger-checkpoints/ (" + checkpointFiles.size() + " files)").doesNotContain(":" + source.password() + "@");
            assertThat(Files.readString(backup.resolve("SHA256SUMS"))).contains("./postgresql.dump", "./MANIFEST",
                    "./ledger-checkpoints/" + someCheckpointFile);
            assertThat(backup.resolveSibling(backup.getFileName() + ".partial")).doesNotExist();

            // the county's data room burns: database, readings and checkpoints gone
            dropDatabase(source);
            query(sourceInflux.url(), "DROP DATABASE yangguang");
            sourceInflux.stop();
            deleteTree(checkpoints);

            Path restoredCheckpoints = tmp.resolve("elsewhere/ledger-checkpoints");
            Result r = launcher(target.password(), "restore", "--from", backup.toString(), "--pg", libpq(target),
                    "--influx-rpc", targetInflux.rpcAddress(), "--checkpoints", restoredCheckpoints.toString());
            assertThat(r.rc).as(r.out).isZero();

            // every checkpoint file, byte for byte (before a service starts on them and appends its own)
            assertThat(files(restoredCheckpoints)).containsOnlyKeys(checkpointFiles.keySet());
            checkpointFiles.forEach((name, bytes) -> assertThat(files(restoredCheckpoints).get(name)).as(name).isEqualTo(bytes));
            // every ledger entry, and its chain, from the restored database, anchored by the restored checkpoints
            Result verify = ledgerVerify(target, restoredCheckpoints);
            assertThat(verify.rc).as(verify.out).isZero();
            assertThat(verify.out).contains("ledger OK: " + entries + " entries");
            try (EmbeddedServer app = distribution(target, restoredCheckpoints);
                 HttpClient client = app.getApplicationContext().createBean(HttpClient.class, app.getURL())) {
                String exportAfter = client.toBlocking().retrieve(HttpRequest.GET("/api/ledger/export").basicAuth("auditor", "yangguang-demo"));
                assertThat(exportAfter).isEqualTo(exportBefore);
            }
            // every reading, in every retention policy, and the policies themselves
            assertThat(influxState(targetInflux.url())).isEqualTo(influxBefore);
        }
    }

    @Test
    void aDamagedBackupOrAUsedDatabaseIsRefusedAndNothingIsRestored(@TempDir Path tmp) throws Exception {
        JdbcTarget source = Services.freshPostgresDatabase("yg_backup_small");
        try (Connection c = DriverManager.getConnection(source.url(), source.user(), source.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int primary key)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        Path backup = tmp.resolve("b");
        Result b = launcher(source.password(), "backup", "--to", backup.toString(), "--pg", libpq(source),
                "--no-influx", "--no-checkpoints");
        assertThat(b.rc).as(b.out).isZero();
        Result again = launcher(source.password(), "backup", "--to", backup.toString(), "--pg", libpq(source),
                "--no-influx", "--no-checkpoints");
        assertThat(again.rc).isNotZero();
        assertThat(again.out).contains(backup + " exists");

        // a database that holds tables is not overwritten
        Result used = launcher(source.password(), "restore", "--from", backup.toString(), "--pg", libpq(source), "--no-influx");
        assertThat(used.rc).isNotZero();
        assertThat(used.out).contains("holds 1 tables", "restore into a new, empty database");

        // one byte changed in the dump: refused, naming the file, before anything is touched
        byte[] dump = Files.readAllBytes(backup.resolve("postgresql.dump"));
        dump[dump.length / 2] ^= 0x01;
        Files.write(backup.resolve("postgresql.dump"), dump);
        JdbcTarget target = Services.freshPostgresDatabase("yg_backup_small_target");
        Result damaged = launcher(target.password(), "restore", "--from", backup.toString(), "--pg", libpq(target), "--no-influx");
        assertThat(damaged.rc).isNotZero();
        assertThat(damaged.out).contains("is damaged, nothing restored", "postgresql.dump: FAILED");
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    /** Three days of 5-minute polls of six inverters (raw), and their daily rollups: what InfluxDB must give back. */
    private static int writeReadings(String influx) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        StringBuilder lines = new StringBuilder();
        int n = 0;
        for (int d = 1; d <= 6; d++) {
            double energy = 150_000_000.0 + d * 1_000_000;
            for (int i = 0; i < 3 * 288; i++) {
                double power = Math.max(0, Math.sin((i % 288 - 72) * Math.PI / 144)) * 50_000 * (0.9 + d / 100.0);
                energy += power / 12;
                lines.append("telemetry,station=lin-baiwen-01,device=inv-0").append(d).append(",kind=inverter,model=sunspec:103 ")
                        .append("ac_power=").append(Math.round(power)).append(",ac_energy=").append(Math.round(energy))
                        .append(' ').append(start.plus(5L * i, ChronoUnit.MINUTES).toEpochMilli()).append('\n');
                n++;
            }
        }
        post(influx + "/write?db=yangguang&rp=raw&precision=ms", lines.toString());
        post(influx + "/write?db=yangguang&rp=rollup_1d&precision=ms",
                "telemetry_1d,station=lin-baiwen-01,device=inv-01 ac_energy_wh=212345 " + start.toEpochMilli() + "\n");
        return n;
    }

    /** What a restore must reproduce: every point of every measurement in every retention policy, and the policies. */
    private static Map<String, String> influxState(String influx) throws Exception {
        Map<String, String> state = new TreeMap<>();
        state.put("policies", query(influx, "SHOW RETENTION POLICIES ON yangguang"));
        state.put("raw", query(influx, "SELECT * FROM yangguang.raw.telemetry"));
        state.put("raw-count", query(influx, "SELECT count(ac_energy) FROM yangguang.raw.telemetry"));
        state.put("rollup_1d", query(influx, "SELECT * FROM yangguang.rollup_1d.telemetry_1d"));
        assertThat(state.get("raw-count")).contains("[\"1970-01-01T00:00:00Z\"," + 6 * 3 * 288 + "]");
        return state;
    }

    private static String query(String influx, String q) throws Exception {
        HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(influx + "/query?db=yangguang&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8))).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(q + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(204);
    }

    private static EmbeddedServer distribution(JdbcTarget db, Path checkpoints) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("datasources.default.url", db.url());
        p.put("datasources.default.username", db.user());
        p.put("datasources.default.password", db.password());
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.ledger.checkpoint-dir", checkpoints.toString());
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", UUID.randomUUID() + "-" + UUID.randomUUID());
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    /** jdbc:postgresql://host:port/db as the libpq URI pg_dump takes; the password travels in PGPASSWORD. */
    private static String libpq(JdbcTarget t) {
        return t.url().replaceFirst("^jdbc:postgresql://", "postgresql://" + t.user() + "@").replaceFirst("\\?.*$", "");
    }

    private static void dropDatabase(JdbcTarget db) throws Exception {
        JdbcTarget admin = Services.postgres();
        String name = db.url().substring(db.url().lastIndexOf('/') + 1).replaceFirst("\\?.*$", "");
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }

    private record Result(int rc, String out) {
    }

    private static Result launcher(String pgPassword, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("PGPASSWORD", pgPassword));
    }

    /** The ledger CLI (what ./yangguang ledger verify and the package's yangguang-ledger run), on this classpath. */
    private static Result ledgerVerify(JdbcTarget db, Path checkpoints) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.yangguang.distribution.ledger.LedgerCli", "verify",
                "--url", db.url(), "--user", db.user()), Map.of("YANGGUANG_LEDGER_PASSWORD", db.password(),
                "YANGGUANG_LEDGER_CHECKPOINT_DIR", checkpoints.toString()));
    }

    private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 300 s:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }

    private static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
