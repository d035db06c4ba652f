package org.yangguang.collector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.collector.http.HttpAuth;
import org.yangguang.testkit.Services;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The collector's HTTP API carries live station data: it listens on loopback unless told otherwise, and /api answers
 * only the configured bearer token (a village committee refused by distribution cannot read the same data here).
 */
class HttpAccessTest {
    private final String db = Influx.freshDatabase();
    private Collector collector;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        Influx.drop(Services.influxUrl(), db);
    }

    @Test
    void apiNeedsTheTokenHealthAndMetricsStayOpen() throws Exception {
        collector = Collector.start(SpineTest.config(db).build());
        HttpResponse<String> none = get("/api/stations", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"yangguang-collector\"");
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(get("/api/stations", "not-the-token-but-long-enough").statusCode()).isEqualTo(401);
        assertThat(get("/api/alarms?active=true", SpineTest.API_TOKEN.substring(1)).statusCode()).isEqualTo(401);
        // the same path spelled differently is still /api
        assertThat(get("//api/stations", null).statusCode()).isIn(401, 404);
        assertThat(get("/./api/stations", null).statusCode()).isIn(401, 404);
        assertThat(get("/api/stations", SpineTest.API_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("yangguang_collector_http_unauthorized_total 5.0");
    }

    @Test
    void withAuthAllEveryRouteNeedsIt() throws Exception {
        collector = Collector.start(SpineTest.config(db).httpAuth(HttpAuth.ALL).build());
        assertThat(get("/health", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "wrong-token-wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/health", SpineTest.API_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", SpineTest.API_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheApiAnswersNobody() throws Exception {
        collector = Collector.start(SpineTest.config(db).httpToken(null).build());
        HttpResponse<String> r = get("/api/stations", "anything-anything-anything");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("no API token configured");
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void listensOnLoopbackByDefault() throws Exception {
        collector = Collector.start(SpineTest.config(db).build());
        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try");
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(lan.get(), collector.httpPort()), 2000);
            }
        }).isInstanceOf(IOException.class);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.httpPort()), 2000);
        }
    }

    @Test
    void metricNamesCarryTheirUnitOnce() throws Exception {
        collector = Collector.start(SpineTest.config(db).build());
        String body = get("/metrics", null).body();
        assertThat(body).contains("yangguang_collector_lag_seconds_count", "yangguang_collector_lag_last_seconds");
        Matcher names = Pattern.compile("(?m)^# TYPE (\\S+)").matcher(body);
        int n = 0;
        while (names.find()) {
            n++;
            assertThat(names.group(1)).doesNotMatch(".*_(ms|milliseconds|seconds|bytes)_(ms|milliseconds|seconds|bytes)(_.*)?");
        }
        assertThat(n).isGreaterThan(10);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
