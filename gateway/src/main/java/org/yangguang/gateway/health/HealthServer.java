package org.yangguang.gateway.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.HealthConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /health}: 200 {@code {"status":"UP",...}} while the gateway polls and stores readings it can stand
 * behind, 503 {@code DOWN} with the reasons (e.g. a wall clock it cannot trust) otherwise; either way with the
 * counters of {@link Gateway#stats()}. A broker out of reach is not DOWN: rural 4G drops for hours and the gateway
 * then buffers as designed ({@code mqtt_connected} and {@code buffer_pending} say so). {@code GET /metrics}: the same
 * counters in Prometheus' text format. The JDK's own HTTP server: the edge box gets no web framework for two routes.
 */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HealthServer start(HealthConfig config, Gateway gateway, String station, String gatewayId) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /health on " + config.host() + ":" + config.port()
                    + " (health.port in station.yaml): " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", x -> answer(x, () -> {
            List<String> problems = gateway.problems();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", problems.isEmpty() ? "UP" : "DOWN");
            body.put("station", station);
            body.put("gateway", gatewayId);
            body.put("problems", problems);
            body.put("stats", gateway.stats());
            return new Reply(problems.isEmpty() ? 200 : 503, "application/json", JSON.writeValueAsBytes(body));
        }));
        server.createContext("/metrics", x -> answer(x, () -> {
            StringBuilder text = new StringBuilder();
            String labels = "{station=\"" + station + "\",gateway=\"" + gatewayId + "\"}";
            gateway.stats().forEach((k, v) -> text.append("yangguang_gateway_").append(k).append(labels).append(' ')
                    .append(v).append('\n'));
            text.append("yangguang_gateway_up").append(labels).append(' ')
                    .append(gateway.problems().isEmpty() ? 1 : 0).append('\n');
            return new Reply(200, "text/plain; version=0.0.4", text.toString().getBytes(StandardCharsets.UTF_8));
        }));
        server.start();
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Reply(int status, String type, byte[] body) {
    }

    private interface Answer {
        Reply make() throws IOException;
    }

    private static void answer(HttpExchange x, Answer answer) throws IOException {
        try (x) {
            if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(405, -1);
                return;
            }
            if (!x.getRequestURI().getPath().equals(x.getHttpContext().getPath())) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            Reply r = answer.make();
            x.getResponseHeaders().set("Content-Type", r.type());
            boolean head = "HEAD".equals(x.getRequestMethod());
            x.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
            if (!head) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
