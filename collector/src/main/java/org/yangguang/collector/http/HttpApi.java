package org.yangguang.collector.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.log.OperatorLog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The collector's HTTP face: /health (200 when consuming and InfluxDB answers, 503 otherwise, with why),
 * /metrics (Prometheus), and the dashboards' query API under /api (see {@link QueryApi}). It listens on the
 * configured host, loopback by default, and /api answers only a request carrying the configured bearer token
 * ({@code Authorization: Bearer <token>}); with {@link HttpAuth#ALL} every route does.
 */
public final class HttpApi {
    private static final String REALM = "Bearer realm=\"yangguang-collector\"";

    private final Vertx vertx;
    private final CollectorMetrics metrics;
    private final BooleanSupplier mqttUp;
    private final BooleanSupplier storeUp;
    private final byte[] token;
    private final HttpAuth auth;
    private final OperatorLog log;
    private final Router router;
    private HttpServer server;
    private volatile java.util.function.Supplier<JsonObject> registry;

    public HttpApi(Vertx vertx, CollectorMetrics metrics, BooleanSupplier mqttUp, BooleanSupplier storeUp,
                   String token, HttpAuth auth, OperatorLog log, Consumer<Router> extraRoutes) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.mqttUp = mqttUp;
        this.storeUp = storeUp;
        this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
        this.auth = auth;
        this.log = log;
        this.router = Router.router(vertx);
        // first: every route below is reached only through this check
        router.route().handler(this::authorize);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(rc -> rc.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.registry().scrape()));
        extraRoutes.accept(router);
    }

    /**
     * Adds where the collector's stations come from to /health. A collector working from its registry cache is still
     * UP — it stores and receipts — but the body says so, for the operator to see distribution is unreachable.
     */
    public void registryHealth(java.util.function.Supplier<JsonObject> status) {
        this.registry = status;
    }

    public Future<Integer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    private void authorize(RoutingContext rc) {
        // the normalised path is what the routes match on: "//api/x" and "/./api/x" are /api/x here too
        String path = rc.normalizedPath();
        boolean needed = auth == HttpAuth.ALL || path.equals("/api") || path.startsWith("/api/");
        if (!needed) {
            rc.next();
            return;
        }
        String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String why;
        if (token == null) {
            why = "this collector has no API token configured (--http-token-file or YANGGUANG_COLLECTOR_HTTP_TOKEN), "
                    + "so its API answers nobody";
        } else if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            why = "send Authorization: Bearer <the collector's API token>";
        } else if (!MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.US_ASCII))) {
            why = "the bearer token is not this collector's API token";
        } else {
            rc.next();
            return;
        }
        metrics.httpRefused();
        log.httpRefused("refused " + rc.request().method() + " " + path + " from " + rc.request().remoteAddress() + ": " + why);
        rc.response().setStatusCode(401).putHeader("WWW-Authenticate", REALM)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", why).encode());
    }

    private void health(RoutingContext rc) {
        boolean mqtt = mqttUp.getAsBoolean();
        boolean store = storeUp.getAsBoolean();
        JsonObject body = new JsonObject()
                .put("status", mqtt && store ? "UP" : "DOWN")
                .put("mqtt", mqtt ? "connected" : "disconnected: messages wait at the broker")
                .put("influxdb", store ? "writing" : "failing: writes are being retried, nothing is acknowledged")
                .put("in_flight", metrics.inFlight())
                .put("in_flight_bytes", metrics.inFlightBytes())
                .put("stored", (long) metrics.storedCount());
        if (registry != null) {
            body.put("registry", registry.get());
        }
        rc.response().setStatusCode(mqtt && store ? 200 : 503)
                .putHeader("content-type", "application/json").end(body.encode());
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
