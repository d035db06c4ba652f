package org.yangguang.distribution.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads the collector's query API ({@code yangguang.collector.url}) for the operator pages, so the browser has one
 * origin and one login. Blocking: callers run on the blocking executor. A collector that is down or answers
 * 5xx is reported as 503 {@code collector_unavailable}; its 400s (bad parameters) are passed on as they are.
 */
@Singleton
public class CollectorClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    public CollectorClient(@Value("${yangguang.collector.url:`http://127.0.0.1:8081`}") String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            this.base = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("yangguang.collector.url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new IllegalStateException("yangguang.collector.url '" + url + "' must start with http:// or https://");
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** An answer of the collector: its status and JSON body. */
    public record Answer(int status, String json) {
    }

    /** GET {@code path} with the non-null query parameters. */
    public Answer get(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        URI uri = URI.create(base + path + q);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 500) {
                throw unavailable(uri, "answered " + r.statusCode() + " " + r.body());
            }
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw unavailable(uri, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(uri, "interrupted");
        }
    }

    private static ApiException unavailable(URI uri, String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "collector_unavailable",
                "the collector at " + uri.getScheme() + "://" + uri.getAuthority() + " " + why, null);
    }
}
