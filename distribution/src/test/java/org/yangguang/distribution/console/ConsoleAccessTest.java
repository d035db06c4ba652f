package org.yangguang.distribution.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.DistributionApp;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is public, the data behind it is not: static files and the chart library load without a login,
 * every /api/live call needs an operator, admin or auditor, and a collector that is down is a clear 503.
 */
class ConsoleAccessTest {
    static DistributionApp app;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        app = DistributionApp.start(DistributionApp.h2(), Map.of("yangguang.demo.seed", "true",
                "yangguang.collector.url", "http://127.0.0.1:" + closedPort));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void consoleAndChartLibraryLoadWithoutLogin() {
        HttpResponse<String> index = app.http().exchange(HttpRequest.GET("/"), String.class);
        assertThat(index.getStatus().getCode()).isEqualTo(200);
        assertThat(index.body()).contains("<html lang=\"zh-CN\">", "/assets/app.js");
        assertThat(app.http().exchange(HttpRequest.GET("/assets/app.js"), String.class).body()).contains("PAGES");
        // version.js is filtered at build time with the WebJar's version, and that file is really there
        String version = app.http().retrieve(HttpRequest.GET("/assets/version.js"), String.class);
        String v = version.replaceAll("(?s).*ECHARTS_VERSION = '([^']+)'.*", "$1");
        assertThat(v).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(app.http().exchange(HttpRequest.GET("/webjars/echarts/" + v + "/dist/echarts.min.js"), String.class)
                .getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void theConsoleHasAFavicon() {
        HttpResponse<byte[]> icon = app.http().exchange(HttpRequest.GET("/favicon.ico"), byte[].class);
        assertThat(icon.getStatus().getCode()).isEqualTo(200);
        // an ICO header: reserved 0, type 1, at least one image
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
        assertThat(app.http().retrieve(HttpRequest.GET("/"), String.class)).contains("<link rel=\"icon\" href=\"/favicon.ico\">");
    }

    @Test
    void listensOnLoopbackUnlessConfiguredOtherwise() throws IOException {
        assertThat(app.context().getProperty("micronaut.server.host", String.class)).contains("127.0.0.1");
        int port = app.context().getBean(io.micronaut.runtime.server.EmbeddedServer.class).getPort();
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress(a, port), 1000);
                    throw new AssertionError("distribution answers on " + a + ":" + port);
                } catch (IOException expected) {
                    // refused: it listens on loopback only
                }
            }
        }
    }

    @Test
    void nothingElseIsPublic() {
        assertThat(app.refusal(null, HttpRequest.GET("/api/live/stations")).status()).isEqualTo(401);
        assertThat(app.refusal(null, HttpRequest.GET("/api/stations")).status()).isEqualTo(401);
        assertThat(app.refusal(HttpRequest.GET("/application.properties")).status()).isIn(401, 404);
        assertThat(ConsoleAssetsRule.isPublic("/assets/../application.properties")).isFalse();
        assertThat(ConsoleAssetsRule.isPublic("/api/stations")).isFalse();
    }

    @Test
    void liveDataIsForOperatorsAdminsAndAuditorsOnly() {
        assertThat(app.refusal("vc-yaotou", HttpRequest.GET("/api/live/stations")).status()).isEqualTo(403);
        assertThat(app.refusal("finance", HttpRequest.GET("/api/live/alarms")).status()).isEqualTo(403);
        // an auditor reads but does not acknowledge
        var auditor = app.refusal("auditor", HttpRequest.POST("/api/live/alarms/acknowledge",
                Map.of("key", "lin-baiwen-01/inv-01/fault/1", "reason", "seen")));
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.error().code()).isEqualTo("forbidden");
    }

    @Test
    void collectorDownIsA503ThatSaysSo() {
        var r = app.refusal("operator", HttpRequest.GET("/api/live/stations"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.error().code()).isEqualTo("collector_unavailable");
        assertThat(r.error().message()).contains("the collector at http://127.0.0.1:");
    }

    @Test
    void aBadStationIdNeverReachesTheCollector() {
        var r = app.refusal("operator", HttpRequest.GET("/api/live/stations/BAD%20ID/energy"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().code()).isEqualTo("bad_id");
    }
}
