package org.yangguang.distribution;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.yangguang.distribution.api.ApiError;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.Services;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real service on a random port, against H2 or a fresh PostgreSQL database, for tests. */
public final class DistributionApp implements AutoCloseable {
    private final EmbeddedServer server;
    private final HttpClient http;

    private DistributionApp(Map<String, Object> properties) {
        this.server = ApplicationContext.run(EmbeddedServer.class, properties);
        this.http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    public static Map<String, Object> h2() {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        return p;
    }

    public static Map<String, Object> postgres(String database) {
        JdbcTarget pg = Services.freshPostgresDatabase(database);
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", pg.url());
        p.put("datasources.default.username", pg.user());
        p.put("datasources.default.password", pg.password());
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        return p;
    }

    public static final String DEMO_PASSWORD = "yangguang-demo";

    public static DistributionApp start(Map<String, Object> database, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(database);
        p.put("micronaut.server.port", -1);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                UUID.randomUUID() + "-" + UUID.randomUUID());
        // the minimum work factor keeps the many test logins fast; production uses the configured default
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        try {
            // the ledger's checkpoints outside the database: a directory of this app's own
            p.put("yangguang.ledger.checkpoint-dir", java.nio.file.Files.createTempDirectory("yg-ledger-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.putAll(more);
        return new DistributionApp(p);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public BlockingHttpClient http() {
        return http.toBlocking();
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** A bearer token for a demo account (POST /login), cached per user. */
    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            Map<?, ?> r = http().retrieve(HttpRequest.POST("/login",
                    Map.of("username", u, "password", DEMO_PASSWORD)), Map.class);
            return (String) r.get("access_token");
        });
    }

    /** GET as the demo admin. */
    public <T> T get(String path, Class<T> type) {
        return get("admin", path, type);
    }

    public <T> T get(String user, String path, Class<T> type) {
        return http().retrieve(HttpRequest.GET(path).bearerAuth(token(user)), type);
    }

    /** Expects a refusal for a request sent as {@code user} (null: no credentials). */
    public Refusal refusal(String user, io.micronaut.http.MutableHttpRequest<?> request) {
        return refusal(user == null ? request : request.bearerAuth(token(user)));
    }

    /** Sends the request expecting a refusal; returns the status and the error body. */
    public Refusal refusal(HttpRequest<?> request) {
        try {
            HttpResponse<?> r = http().exchange(request, Argument.of(String.class), Argument.of(ApiError.class));
            throw new AssertionError("expected a refusal, got " + r.getStatus());
        } catch (HttpClientResponseException e) {
            return new Refusal(e.getStatus().getCode(), e.getResponse().getBody(ApiError.class).orElse(null));
        }
    }

    public record Refusal(int status, ApiError error) {
    }

    @Override
    public void close() {
        http.close();
        server.getApplicationContext().close();
    }
}
