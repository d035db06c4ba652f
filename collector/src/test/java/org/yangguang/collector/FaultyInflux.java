package org.yangguang.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass-through HTTP proxy in front of the real InfluxDB that answers some of the ingest path's writes (to the raw
 * retention policy) itself, as an overloaded or strictly configured server would: 503 for the next N writes (without
 * Retry-After: OkHttp would repeat a "Retry-After: 0" request on its own), 413 for bodies over a limit. Everything
 * else — the rollups' and the device records' writes included — reaches InfluxDB unchanged, so the counts are the
 * ingest path's.
 */
final class FaultyInflux implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    final AtomicInteger unavailableWrites = new AtomicInteger();
    final AtomicInteger answered503 = new AtomicInteger();
    final AtomicInteger answered413 = new AtomicInteger();
    volatile int maxBodyBytes = Integer.MAX_VALUE;

    FaultyInflux(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        if (path.equals("/write") && query != null && query.contains("rp=raw")) {
            if (unavailableWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answered503.incrementAndGet();
                respond(ex, 503, "{\"error\":\"service unavailable (test)\"}");
                return;
            }
            if (body.length > maxBodyBytes) {
                answered413.incrementAndGet();
                respond(ex, 413, "{\"error\":\"Request Entity Too Large\"}");
                return;
            }
        }
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()));
            String ct = ex.getRequestHeaders().getFirst("Content-Type");
            if (ct != null) {
                rb.header("Content-Type", ct);
            }
            rb.method(ex.getRequestMethod(), body.length == 0 && ex.getRequestMethod().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(ex, 502, "{\"error\":\"interrupted\"}");
        } catch (IOException e) {
            respond(ex, 502, "{\"error\":\"upstream: " + e.getMessage() + "\"}");
        }
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
