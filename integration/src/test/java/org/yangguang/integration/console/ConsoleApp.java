package org.yangguang.integration.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The real distribution service in process (H2 in memory, demo registry and accounts) that serves the console. */
final class ConsoleApp implements AutoCloseable {
    static final String PASSWORD = "yangguang-demo";

    final EmbeddedServer server;
    final String jdbcUrl;
    /** The InfluxDB database made for this service alone (dropped on close), or null. */
    private final String ownInfluxDb;

    private ConsoleApp(EmbeddedServer server, String jdbcUrl, String ownInfluxDb) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.ownInfluxDb = ownInfluxDb;
    }

    /** Started against a new, empty database of the shared InfluxDB, which {@link #close} drops. */
    static ConsoleApp withFreshInflux(Map<String, Object> more) {
        String db = "ui_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        influx("CREATE DATABASE \"" + db + "\"");
        return start(db, more, db);
    }

    /** Started against the shared InfluxDB's {@code influxDatabase}; {@code more} adds or overrides properties. */
    static ConsoleApp start(String influxDatabase, Map<String, Object> more) {
        return start(influxDatabase, more, null);
    }

    private static ConsoleApp start(String influxDatabase, Map<String, Object> more, String ownInfluxDb) {
        String jdbcUrl = "jdbc:h2:mem:ui" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("datasources.default.url", jdbcUrl);
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.influx.url", Services.influxUrl());
        p.put("yangguang.influx.database", influxDatabase);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", UUID.randomUUID() + "-" + UUID.randomUUID());
        // the minimum work factor keeps the many logins fast; production uses the configured default
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        try {
            // the ledger's checkpoints outside the database: a directory of this run's own
            p.put("yangguang.ledger.checkpoint-dir", java.nio.file.Files.createTempDirectory("yg-ui-ledger-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.putAll(more);
        return new ConsoleApp(ApplicationContext.run(EmbeddedServer.class, p), jdbcUrl, ownInfluxDb);
    }

    String url() {
        return server.getURL().toString();
    }

    /** A request as a demo user (HTTP Basic), expecting one of the given statuses; returns the body. */
    String send(String method, String path, String user, String json, int... expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", path.endsWith(".csv") ? "text/csv" : "application/json");
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isIn(Arrays.stream(expected).boxed().toArray());
        return r.body();
    }

    String get(String path, String user) throws Exception {
        return send("GET", path, user, null, 200);
    }

    @Override
    public void close() {
        try {
            server.getApplicationContext().close();
        } finally {
            if (ownInfluxDb != null) {
                influx("DROP DATABASE \"" + ownInfluxDb + "\"");
            }
        }
    }

    private static void influx(String statement) {
        try (org.influxdb.InfluxDB influx = org.influxdb.InfluxDBFactory.connect(Services.influxUrl())) {
            influx.query(new org.influxdb.dto.Query(statement));
        }
    }
}
