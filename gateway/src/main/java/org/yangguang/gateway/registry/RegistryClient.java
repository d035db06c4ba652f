package org.yangguang.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.Base64;

/**
 * Distribution's registry of record as the gateway's commands reach it: one station's entry ({@code gateway config})
 * and a scan's report ({@code gateway scan --register}), over HTTP(S) with HTTP Basic. The credential comes from a
 * file (first line {@code user:secret}) so it never stands on a command line or in shell history.
 */
public final class RegistryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public RegistryClient(URI base, String user, String secret) {
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the registry URL must be http:// or https://, was " + base);
        }
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** From a credentials file whose first line is {@code user:secret}. */
    public static RegistryClient of(String url, Path credentials) {
        String line;
        try {
            line = Files.readAllLines(credentials, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credentials file " + credentials + ": " + e.getMessage());
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || colon == line.length() - 1) {
            throw new IllegalArgumentException("the credentials file " + credentials + " must hold user:secret on its first line");
        }
        return new RegistryClient(URI.create(url.strip()), line.substring(0, colon), line.substring(colon + 1));
    }

    /** GET /api/registry/stations/{code}: the station, its gateways and ACTIVE devices. */
    public JsonNode station(String code) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/registry/stations/" + encode(code))).GET());
    }

    /** POST /api/registry/stations/{code}/scans: what one link answered; returns one outcome per unit. */
    public JsonNode reportScan(String code, Object report) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/registry/stations/" + encode(code) + "/scans"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(report))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(TIMEOUT).header("Authorization", authorization)
                .header("Accept", "application/json").build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            String detail = response.body() == null ? "" : response.body();
            try {
                JsonNode err = JSON.readTree(detail);
                if (err.hasNonNull("message")) {
                    detail = err.get("message").asText() + (err.hasNonNull("field") ? " (field " + err.get("field").asText() + ")" : "");
                }
            } catch (IOException notJson) {
                // keep the body as it came
            }
            throw new IOException(r.method() + " " + r.uri() + ": HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (check user:secret in the credentials file)" : "")
                    + (detail.isBlank() ? "" : ": " + detail));
        }
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
