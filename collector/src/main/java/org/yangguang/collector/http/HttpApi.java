package org.yangguang.collector.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.yangguang.collector.CollectorMetrics;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The collector's HTTP face: /health (200 when consuming and InfluxDB answers, 503 otherwise, with why),
 * /metrics (Prometheus), and the dashboards' query API under /api (see {@link QueryApi}).
 */
public final class HttpApi {
    private final Vertx vertx;
    private final CollectorMetrics metrics;
    private final BooleanSupplier mqttUp;
    private final BooleanSupplier storeUp;
    private final Consumer<Router> extraRoutes;
    private final Router router;
    private HttpServer server;

    public HttpApi(Vertx vertx, CollectorMetrics metrics, BooleanSupplier mqttUp, BooleanSupplier storeUp, Consumer<Router> extraRoutes) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.mqttUp = mqttUp;
        this.storeUp = storeUp;
        this.extraRoutes = extraRoutes;
        this.router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(rc -> rc.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.registry().scrape()));
        extraRoutes.accept(router);
    }

    public Future<Integer> listen(int port) {
        return vertx.createHttpServer().requestHandler(router).listen(port, "0.0.0.0").map(s -> {
            server = s;
            return s.actualPort();
        });
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
        rc.response().setStatusCode(mqtt && store ? 200 : 503)
                .putHeader("content-type", "application/json").end(body.encode());
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
