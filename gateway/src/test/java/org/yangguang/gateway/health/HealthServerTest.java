package org.yangguang.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.HealthConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void healthAndMetricsReportWhatTheGatewayDid(@TempDir Path dir) throws Exception {
        String url = Services.mqttUrl();
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)))) {
            GatewayConfig cfg = GatewayConfig.builder("health-test", "gw-health").mqtt(url).buffer(dir)
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .health(new HealthConfig("127.0.0.1", 0)).build();
            try (Gateway gw = Gateway.create(cfg, Clock.systemUTC());
                 HealthServer health = HealthServer.start(cfg.health(), gw, cfg.station(), cfg.gateway())) {
                gw.startUplink();
                assertThat(gw.pollOnce()).hasSize(1);
                assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();

                HttpResponse<String> h = get(health.port(), "/health", "GET");
                assertThat(h.statusCode()).isEqualTo(200);
                JsonNode body = new ObjectMapper().readTree(h.body());
                assertThat(body.get("status").asText()).isEqualTo("UP");
                assertThat(body.get("station").asText()).isEqualTo("health-test");
                assertThat(body.get("problems")).isEmpty();
                assertThat(body.at("/stats/polls_ok").asLong()).isEqualTo(1);
                assertThat(body.at("/stats/mqtt_acked").asLong()).isEqualTo(1);

                HttpResponse<String> m = get(health.port(), "/metrics", "GET");
                assertThat(m.statusCode()).isEqualTo(200);
                assertThat(m.body()).contains("yangguang_gateway_polls_ok{station=\"health-test\",gateway=\"gw-health\"} 1\n",
                        "yangguang_gateway_up{station=\"health-test\",gateway=\"gw-health\"} 1\n");
                assertThat(get(health.port(), "/health", "POST").statusCode()).isEqualTo(405);
                assertThat(get(health.port(), "/healthz", "GET").statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void stationYamlSaysWhereAndAWrongPortIsAnErrorWithItsLine(@TempDir Path dir) throws Exception {
        String base = "station: s1\ngateway: g1\nmqtt: {url: 'tcp://127.0.0.1:1883'}\nbuffer: {dir: b}\nlinks: []\n";
        Path ok = Files.writeString(dir.resolve("ok.yaml"), base + "health: {port: 9102}\n");
        assertThat(GatewayConfig.load(ok).health()).isEqualTo(new HealthConfig("127.0.0.1", 9102));
        assertThat(GatewayConfig.load(Files.writeString(dir.resolve("none.yaml"), base)).health()).isNull();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), base + "health:\n  port: 70000\n");
        assertThatThrownBy(() -> GatewayConfig.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml:7").hasMessageContaining("port");
    }

    private static HttpResponse<String> get(int port, String path, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
