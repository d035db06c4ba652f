package org.yangguang.gateway.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.ClockConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.HealthConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.health.HealthServer;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.MutableClock;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station box whose clock is wrong says so and stores nothing with a wrong time: not at 1970 (a real-time clock
 * that lost its time), not before the OS says its clock is synchronized where station.yaml asks for that; it
 * resumes by itself, and the readings it then publishes carry the true time.
 */
class WrongClockTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aGatewayBootedAt1970StoresNothingSaysWhyAndResumesWhenTheClockIsSet(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("1970-01-01T00:02:10Z"));
        String url = Services.mqttUrl();
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = new TelemetrySubscriber(url, Topics.telemetryBatch("clock-test", "inv-01"))) {
            GatewayConfig cfg = GatewayConfig.builder("clock-test", "gw-clock-test").mqtt(url).buffer(dir)
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .health(new HealthConfig("127.0.0.1", 0)).build();
            try (Gateway gw = Gateway.create(cfg, clock);
                 HealthServer health = HealthServer.start(cfg.health(), gw, cfg.station(), cfg.gateway())) {
                gw.startUplink();
                assertThat(gw.pollOnce()).isEmpty();
                assertThat(gw.pollOnce()).isEmpty();
                assertThat(gw.buffer().pending()).isZero();
                assertThat(gw.stats()).containsEntry("polls_clock_untrusted", 2L).containsEntry("polls_ok", 0L);

                HttpResponse<String> down = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(down.statusCode()).isEqualTo(503);
                JsonNode body = new ObjectMapper().readTree(down.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("problems").get(0).asText()).contains("1970-01-01T00:02:10Z", "is wrong", "NTP");

                // NTP reaches the box: the next poll is stored, with the true time
                Instant set = Instant.parse("2026-06-21T04:00:00Z");
                clock.set(set);
                List<Telemetry> stored = gw.pollOnce();
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0).ts()).isEqualTo(set.toEpochMilli());
                assertThat(gw.problems()).isEmpty();
                assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();
                assertThat(sub.await(Duration.ofSeconds(5), () -> sub.messages().size() == 1)).isTrue();
                assertThat(TelemetryCodec.decode(sub.messages().get(0).payload()).ts()).isEqualTo(set.toEpochMilli());
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void whereStationYamlAsksNoReadingIsStoredBeforeTheOsSaysTheClockIsSynchronized(@TempDir Path dir) throws Exception {
        Path synced = dir.resolve("synchronized");
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)))) {
            GatewayConfig cfg = GatewayConfig.builder("clock-test", "gw-clock-sync").mqtt(Services.mqttUrl())
                    .buffer(dir.resolve("buffer"))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .clock(new ClockConfig(false, synced)).build();
            try (Gateway gw = Gateway.create(cfg, clock)) {
                assertThat(gw.pollOnce()).isEmpty();
                assertThat(gw.problems()).singleElement().asString().contains("not synchronized", synced.toString());
                Files.createFile(synced); // systemd-timesyncd touches it once it has synchronized
                assertThat(gw.pollOnce()).singleElement().extracting(Telemetry::ts).isEqualTo(clock.millis());
                assertThat(gw.problems()).isEmpty();
                assertThat(gw.stats()).containsEntry("polls_clock_untrusted", 1L);
            }
        }
    }

    @Test
    void timedatectlIsAskedAtMostEvery30sAndNotAgainOnceTheClockIsSynchronized() {
        AtomicLong nanos = new AtomicLong();
        int[] asked = {0};
        boolean[] answer = {false};
        java.util.function.BooleanSupplier timedatectl = ClockGuard.atMostEvery(Duration.ofSeconds(30), nanos::get, () -> {
            asked[0]++;
            return answer[0];
        });
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        ClockGuard g = new ClockGuard(clock, nanos::get, timedatectl, "test");
        assertThat(g.check(clock.millis())).contains("not synchronized");
        step(nanos, clock, Duration.ofSeconds(10));
        answer[0] = true;
        assertThat(g.check(clock.millis())).as("10 s later: not asked again yet").isNotNull();
        step(nanos, clock, Duration.ofSeconds(25));
        assertThat(g.check(clock.millis())).isNull();
        step(nanos, clock, Duration.ofMinutes(5));
        answer[0] = false;
        assertThat(g.check(clock.millis())).isNull();
        assertThat(asked[0]).isEqualTo(2);
        assertThat(g.refused()).isEqualTo(2);
    }

    private static void step(AtomicLong nanos, MutableClock clock, Duration d) {
        nanos.addAndGet(d.toNanos());
        clock.advance(d);
    }

    @Test
    void aStepOfTheWallClockAgainstTheMonotonicClockIsCountedNotRefused() {
        AtomicLong nanos = new AtomicLong();
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        ClockGuard g = new ClockGuard(clock, nanos::get, null, null);
        assertThat(g.check(clock.millis())).isNull();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        clock.advance(Duration.ofSeconds(5));
        assertThat(g.check(clock.millis())).isNull();
        assertThat(g.steps()).isZero();
        // NTP sets a clock that was 3 hours behind
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        clock.advance(Duration.ofHours(3).plusSeconds(5));
        assertThat(g.check(clock.millis())).isNull();
        assertThat(g.steps()).isEqualTo(1);
    }
}
