package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Reads InfluxDB over its plain HTTP API, independently of the collector's client, to check what was stored. */
final class Influx {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Influx() {
    }

    static String freshDatabase() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static JsonObject query(String url, String db, String q) {
        try {
            String body = "db=" + URLEncoder.encode(db, StandardCharsets.UTF_8) + "&epoch=ms&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("query " + q + " -> " + r.statusCode() + " " + r.body());
            }
            return new JsonObject(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the first statement as column → value maps (all series concatenated, series tags included). */
    static List<Map<String, Object>> rows(String url, String db, String q) {
        JsonObject res = query(url, db, q).getJsonArray("results").getJsonObject(0);
        if (res.containsKey("error")) {
            throw new IllegalStateException(res.getString("error") + " in " + q);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        JsonArray series = res.getJsonArray("series");
        if (series == null) {
            return out;
        }
        for (int s = 0; s < series.size(); s++) {
            JsonObject ser = series.getJsonObject(s);
            JsonArray cols = ser.getJsonArray("columns");
            JsonObject tags = ser.getJsonObject("tags", new JsonObject());
            for (Object v : ser.getJsonArray("values")) {
                JsonArray row = (JsonArray) v;
                Map<String, Object> m = new LinkedHashMap<>(tags.getMap());
                for (int i = 0; i < cols.size(); i++) {
                    m.put(cols.getString(i), row.getValue(i));
                }
                out.add(m);
            }
        }
        return out;
    }

    static long count(String url, String db, String q) {
        List<Map<String, Object>> rows = rows(url, db, q);
        long n = 0;
        for (Map<String, Object> r : rows) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                if (e.getKey().startsWith("count") && e.getValue() instanceof Number num) {
                    n += num.longValue();
                }
            }
        }
        return n;
    }

    /** Writes line protocol (ms precision) into a retention policy, as a component other than the collector would. */
    static void write(String url, String db, String rp, List<String> lines) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/write?db=" + db + "&rp=" + rp + "&precision=ms"))
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 204) {
                throw new IllegalStateException("write -> " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void drop(String url, String db) {
        query(url, db, "DROP DATABASE \"" + db + "\"");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
