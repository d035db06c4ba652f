package org.yangguang.distribution.console;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.api.ApiException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Distribution reads the collector's /api with the collector's bearer token, from a file (as the demo writes it) or
 * the configuration; a collector that refuses the token is a configuration error reported as 503 naming the keys,
 * never a 401 the console would take for its own logout. The collector's side of this contract (401 without the
 * token) is collector's HttpAccessTest; here a loopback server answers as the collector does.
 */
class CollectorClientTest {
    private static final String TOKEN = "collector-api-token-for-this-test";
    private HttpServer collector;
    private String url;

    @BeforeEach
    void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        collector.createContext("/api/", ex -> {
            boolean ok = ("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (ok ? "[]" : "{\"error\":\"send Authorization: Bearer <the collector's API token>\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        collector.start();
        url = "http://127.0.0.1:" + collector.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        collector.stop(0);
    }

    @Test
    void sendsTheTokenFromItsFile() throws IOException {
        Path file = Files.createTempFile("collector", ".token");
        Files.writeString(file, TOKEN + "\n");
        CollectorClient.Answer a = new CollectorClient(url, "", file.toString()).get("/api/stations", Map.of());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).isEqualTo("[]");
        assertThat(new CollectorClient(url, TOKEN, "").get("/api/stations", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aRefusedTokenIsA503ThatNamesTheSetting() {
        for (CollectorClient client : new CollectorClient[]{new CollectorClient(url, "", ""), new CollectorClient(url, "wrong", "")}) {
            assertThatThrownBy(() -> client.get("/api/stations", Map.of()))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().getCode()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("collector_unavailable");
                        assertThat(e.getMessage()).contains("refused this service's token (401)", "yangguang.collector.token-file");
                    });
        }
        assertThatThrownBy(() -> new CollectorClient(url, "", "/no/such/file"))
                .hasMessageStartingWith("yangguang.collector.token-file /no/such/file cannot be read");
    }
}
