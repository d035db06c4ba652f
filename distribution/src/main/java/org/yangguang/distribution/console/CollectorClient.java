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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads the collector's query API ({@code yangguang.collector.url}) for the operator pages, so the browser has one
 * origin and one login. Blocking: callers run on the blocking executor. A collector that is down or answers
 * 5xx is reported as 503 {@code collector_unavailable}; its 400s (bad parameters) are passed on as they are.
 *
 * <p>The collector's /api requires its bearer token: {@code yangguang.collector.token-file} (a file holding it, as
 * the demo writes one) or {@code yangguang.collector.token} (env {@code YANGGUANG_COLLECTOR_TOKEN}). A collector
 * that refuses it (401) is a configuration error of this service, never the user's login: it is reported as 503
 * {@code collector_unavailable} naming the keys, not passed on (the console would take a 401 as its own logout).
 */
@Singleton
public class CollectorClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;
    private final String token;

    public CollectorClient(@Value("${yangguang.collector.url:`http://127.0.0.1:8081`}") String url,
                           @Value("${yangguang.collector.token:}") String token,
                           @Value("${yangguang.collector.token-file:}") String tokenFile) {
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
        this.token = tokenFile.isBlank() ? token.strip() : readToken(tokenFile);
    }

    private static String readToken(String file) {
        try {
            String first = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalStateException("yangguang.collector.token-file " + file + " is empty");
            }
            return first;
        } catch (IOException e) {
            throw new IllegalStateException("yangguang.collector.token-file " + file + " cannot be read: " + e, e);
        }
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
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
            if (!token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 500) {
                throw unavailable(uri, "answered " + r.statusCode() + " " + r.body());
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw unavailable(uri, "refused this service's token (" + r.statusCode() + "): set "
                        + "yangguang.collector.token-file or yangguang.collector.token to the collector's API token");
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
