package org.yangguang.gateway.poll;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.SilentServer;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.Services;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayPollingTest {
    private static final LinkTiming FAST = new LinkTiming(Duration.ofMillis(200), 0, Duration.ZERO, Duration.ZERO);

    @Test
    void deadDeviceReportsItsStateAndNeverHoldsUpTheOthers(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        String url = Services.mqttUrl();
        try (SilentServer dead = new SilentServer();
             TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)));
             TelemetrySubscriber sub = new TelemetrySubscriber(url, Topics.telemetryBatch("poll-test", "inv-dead"))) {
            GatewayConfig cfg = GatewayConfig.builder("poll-test", "gw-poll-test").mqtt(url).buffer(dir)
                    .link(LinkConfig.tcp("127.0.0.1", dead.port(), FAST, List.of(DeviceConfig.sunspec("inv-dead", 1, "inverter"))))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), FAST,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"), DeviceConfig.sunspec("inv-02", 7, "inverter"))))
                    .build();
            try (Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                List<Map<String, Telemetry>> cycles = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Map<String, Telemetry> byDevice = new HashMap<>();
                    gw.pollOnce().forEach(t -> byDevice.put(t.device(), t));
                    cycles.add(byDevice);
                    clock.advance(Duration.ofSeconds(5));
                }
                for (int i = 0; i < 3; i++) {
                    Telemetry d = cycles.get(i).get("inv-dead");
                    assertThat(d.status()).isEqualTo(DeviceStatus.TIMEOUT);
                    assertThat(d.points()).isEmpty();
                    assertThat(d.error()).contains("within 200 ms");
                    assertThat(cycles.get(i).get("inv-01").status()).isEqualTo(DeviceStatus.OK);
                    assertThat(cycles.get(i).get("inv-01").points()).containsKey("ac_power");
                    // Unit 7 is not behind the slave: the slave answers with a Modbus exception.
                    assertThat(cycles.get(i).get("inv-02").status()).isEqualTo(DeviceStatus.MODBUS_EXCEPTION);
                    assertThat(cycles.get(i).get("inv-02").error()).contains("Modbus exception");
                }
                assertThat(cycles.get(3).get("inv-dead").status()).isEqualTo(DeviceStatus.OFFLINE);
                assertThat(cycles.get(3).get("inv-01").status()).isEqualTo(DeviceStatus.OK);
                assertThat(cycles.get(3).get("inv-01").ts()).isEqualTo(Instant.parse("2026-06-21T04:00:15Z").toEpochMilli());

                assertThat(gw.awaitPublished(Duration.ofSeconds(10))).isTrue();
                assertThat(sub.await(Duration.ofSeconds(5), () -> sub.messages().size() == 4)).isTrue();
                // The states travel as contract-valid telemetry.
                List<DeviceStatus> published = new ArrayList<>();
                for (TelemetrySubscriber.Received m : sub.messages()) {
                    published.add(TelemetryCodec.decode(m.payload()).status());
                }
                assertThat(published).containsExactly(DeviceStatus.TIMEOUT, DeviceStatus.TIMEOUT, DeviceStatus.TIMEOUT,
                        DeviceStatus.OFFLINE);
            }
        }
    }

    @Test
    void scheduledPollsAreStaggeredAcrossTheInterval(@TempDir Path dir) throws Exception {
        String url = Services.mqttUrl();
        Map<Integer, org.yangguang.gateway.testing.RegisterImage> units = new HashMap<>();
        IntStream.rangeClosed(1, 4).forEach(u -> units.put(u, SunSpecImages.golden103(40000)));
        try (TestModbusSlave slave = TestModbusSlave.start(units);
             TelemetrySubscriber sub = new TelemetrySubscriber(url, "yangguang/v2/telemetry/stagger-test/+")) {
            List<DeviceConfig> devices = IntStream.rangeClosed(1, 4)
                    .mapToObj(u -> DeviceConfig.sunspec("inv-0" + u, u, "inverter")).toList();
            GatewayConfig cfg = GatewayConfig.builder("stagger-test", "gw-stagger").mqtt(url).buffer(dir)
                    .pollInterval(Duration.ofMillis(800))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), FAST, devices)).build();
            try (Gateway gw = Gateway.create(cfg, Clock.systemUTC())) {
                gw.start();
                assertThat(sub.await(Duration.ofSeconds(10), () -> sub.messages().size() >= 12)).isTrue();
            }
            // Steady state (the third cycle): the first one includes SunSpec discovery and JIT warm-up.
            Map<String, List<Long>> all = new HashMap<>();
            for (TelemetrySubscriber.Received m : sub.messages()) {
                Telemetry t = TelemetryCodec.decode(m.payload());
                all.computeIfAbsent(t.device(), k -> new ArrayList<>()).add(t.ts());
            }
            Map<String, Long> first = new HashMap<>();
            all.forEach((d, l) -> first.put(d, l.stream().sorted().toList().get(2)));
            List<Long> ts = first.values().stream().sorted().toList();
            assertThat(ts).as(first.toString()).hasSize(4);
            // 4 devices over 800 ms: one every ~200 ms, not four at once.
            for (int i = 1; i < 4; i++) {
                assertThat(ts.get(i) - ts.get(i - 1)).as(first.toString()).isBetween(120L, 400L);
            }
        }
    }
}
