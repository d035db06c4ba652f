package org.yangguang.distribution.loss;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server answering {@code /api/losses} and {@code /api/losses/open} as the collector does
 * (docs/lost-revenue.md "The API"; collector's LossApi): the episodes a test declares, each period answer holding
 * only the days asked for, the open ones with every day since they began, behind the collector's bearer token. The
 * collector's own side of the contract (its figures against the simulator's truth) is integration/LostEnergyTest.
 */
public final class CollectorLossApi implements AutoCloseable {
    public static final String TOKEN = "collector-token-for-loss-tests";

    private final HttpServer server;
    private final List<Episode> episodes = new CopyOnWriteArrayList<>();

    /** An episode as the collector stores it: day → lost Wh. */
    public record Episode(String station, String device, String type, long since, Long until, String state,
                          Long last24hWh, long unconfirmedWh, long unpricedBuckets, String note,
                          Map<LocalDate, Long> days) {
        public String id() {
            return station + "/" + device + "/" + type + "/" + since;
        }
    }

    public CollectorLossApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/api/losses", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the episode with the same id (the collector recomputed it), or adds it. */
    public void put(Episode e) {
        episodes.removeIf(x -> x.id().equals(e.id()));
        episodes.add(e);
    }

    public void clear() {
        episodes.clear();
    }

    private void answer(HttpExchange ex) throws IOException {
        String body;
        int status = 200;
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"error\":\"send Authorization: Bearer <the collector's API token>\"}";
        } else {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (ex.getRequestURI().getPath().equals("/api/losses/open")) {
                StringBuilder b = new StringBuilder("[");
                for (Episode e : episodes) {
                    if ("open".equals(e.state())) {
                        b.append(b.length() > 1 ? "," : "").append(json(e, LocalDate.MIN, LocalDate.MAX));
                    }
                }
                body = b.append("]").toString();
            } else {
                LocalDate from = LocalDate.parse(q.get("from"));
                LocalDate to = LocalDate.parse(q.get("to"));
                StringBuilder b = new StringBuilder();
                for (Episode e : episodes) {
                    boolean touches = e.days().keySet().stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(to));
                    if (touches && match(q, "station", e.station()) && match(q, "device", e.device())
                            && match(q, "type", e.type())) {
                        b.append(b.length() > 0 ? "," : "").append(json(e, from, to));
                    }
                }
                body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"zone\":\"Asia/Shanghai\",\"episodes\":[" + b + "]}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static boolean match(Map<String, String> q, String key, String value) {
        return q.get(key) == null || q.get(key).equals(value);
    }

    private static String json(Episode e, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        e.days().forEach((d, wh) -> {
            if (!d.isBefore(from) && !d.isAfter(to)) {
                days.put(d, wh);
            }
        });
        long lost = days.values().stream().mapToLong(Long::longValue).sum();
        List<String> ds = new ArrayList<>();
        days.forEach((d, wh) -> ds.add("{\"date\":\"" + d + "\",\"lost_wh\":" + wh + ",\"method\":\"reference\"}"));
        return "{\"id\":\"" + e.id() + "\",\"station\":\"" + e.station() + "\",\"device\":\"" + e.device()
                + "\",\"type\":\"" + e.type() + "\",\"severity\":\"major\",\"detail\":\"no AC output in daylight\""
                + ",\"since\":" + e.since() + ",\"until\":" + e.until() + ",\"state\":\"" + e.state() + "\""
                + ",\"lost_wh\":" + lost + ",\"lost_kwh\":" + lost / 1000.0 + ",\"expected_wh\":" + lost
                + ",\"actual_wh\":0,\"unconfirmed_wh\":" + e.unconfirmedWh() + ",\"modelled_wh\":0"
                + ",\"unpriced_buckets\":" + e.unpricedBuckets() + ",\"method\":\"reference\",\"note\":"
                + (e.note() == null ? "null" : "\"" + e.note() + "\"")
                + (e.last24hWh() == null ? "" : ",\"lost_wh_last_24h\":" + e.last24hWh())
                + ",\"days\":[" + String.join(",", ds) + "]}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
