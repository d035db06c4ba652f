package org.yangguang.gateway.nameplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceNameplate;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.testing.TelemetrySubscriber;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.image.RegisterDump;
import org.yangguang.simulator.station.ImageDevice;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.MutableClock;
import org.yangguang.testkit.Services;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station of a SunSpec inverter and a Huawei SUN2000 on the simulator, a gateway polling them, real Mosquitto:
 * each device's nameplate arrives retained, the Huawei's as the contract's golden one; the Huawei swapped for another
 * unit (it stops answering, then answers with another serial and a larger counter) is announced at the first poll of
 * the new unit; a gateway restarted afterwards keeps that time.
 */
class NameplatePublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.ofEpochMilli(1782014400000L);

    @Test
    void nameplatesArriveRetainedAndASwapIsDatedByTheNewUnitsFirstPoll(@TempDir Path dir) throws Exception {
        // a station id of its own: retained messages outlive the test on the shared broker
        String station = "np-" + UUID.randomUUID().toString().substring(0, 8);
        String url = Services.mqttUrl();
        MutableClock clock = new MutableClock(T0);
        RegisterDump huawei = RegisterDump.shipped("huawei-sun2000-50ktl-m3");
        try (SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(1, 50_000)
                .withOfflineHold(Duration.ofMillis(400)), clock, Map.of(10, huawei));
             TelemetrySubscriber sub = new TelemetrySubscriber(url, "yangguang/v1/device/" + station + "/+")) {
            GatewayConfig cfg = GatewayConfig.builder(station, "gw-baiwen-01").mqtt(url).buffer(dir.resolve("buffer"))
                    .link(LinkConfig.tcp("127.0.0.1", sim.port(), new LinkTiming(Duration.ofMillis(300), 0,
                            Duration.ZERO, Duration.ZERO), List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"),
                            new DeviceConfig("inv-02", 10, "inverter", "huawei-sun2000"))))
                    .build();
            String inv01 = Topics.device(station, "inv-01");
            String inv02 = Topics.device(station, "inv-02");
            long swapTs;
            try (Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                assertThat(gw.pollOnce()).allMatch(t -> t.status() == DeviceStatus.OK);
                assertThat(sub.await(Duration.ofSeconds(10), () -> sub.last(inv01) != null && sub.last(inv02) != null))
                        .isTrue();
                ObjectNode golden = (ObjectNode) JSON.readTree(GoldenExamples.valid(GoldenExamples.NAMEPLATE_HUAWEI));
                golden.put("station", station);
                assertThat(JSON.readTree(sub.last(inv02).payload())).isEqualTo(golden);
                DeviceNameplate sunspec = DeviceNameplate.decode(inv01, sub.last(inv01).payload());
                assertThat(sunspec.nameplate().serial()).isEqualTo("SIM-0001");
                assertThat(sunspec.model()).isEqualTo("sunspec:103");

                // polls of the same units publish nothing new
                int seen = sub.messages().size();
                clock.advance(Duration.ofSeconds(5));
                gw.pollOnce();
                Thread.sleep(300);
                assertThat(sub.messages()).hasSize(seen);

                // the Huawei is taken away ...
                ImageDevice device = sim.image(10);
                device.setOffline(true);
                clock.advance(Duration.ofSeconds(5));
                assertThat(gw.pollOnce()).filteredOn(t -> t.device().equals("inv-02"))
                        .extracting(Telemetry::status).containsExactly(DeviceStatus.TIMEOUT);
                // ... and its replacement, a refurbished unit whose counter stands higher, answers
                device.serve(huawei.withText(RegisterDump.Table.HOLDING, 30015, 10, "HV2199999999")
                        .with32(RegisterDump.Table.HOLDING, 32106, 98_765_432L, true));
                device.setOffline(false);
                clock.advance(Duration.ofSeconds(5));
                Telemetry first = gw.pollOnce().stream().filter(t -> t.device().equals("inv-02")).findFirst().orElseThrow();
                assertThat(first.status()).isEqualTo(DeviceStatus.OK);
                assertThat(first.points().get("ac_energy").value()).isEqualTo(987_654_320);
                swapTs = first.ts();
                assertThat(sub.await(Duration.ofSeconds(10), () -> serial(sub.last(inv02)).equals("HV2199999999"))).isTrue();
                DeviceNameplate swapped = DeviceNameplate.decode(inv02, sub.last(inv02).payload());
                assertThat(swapped.ts()).as("the new unit's first reading").isEqualTo(swapTs);
                assertThat(swapped.nameplate().isSwapFrom(DeviceNameplate.decode(Topics.device("lin-baiwen-01", "inv-02"),
                        GoldenExamples.valid(GoldenExamples.NAMEPLATE_HUAWEI)).nameplate())).isTrue();
            }
            // restarted an hour later: the same unit keeps the time it was first read, on disk and on the broker
            clock.advance(Duration.ofHours(1));
            try (TelemetrySubscriber late = new TelemetrySubscriber(url, inv02);
                 Gateway gw = Gateway.create(cfg, clock)) {
                gw.startUplink();
                gw.pollOnce();
                assertThat(gw.nameplates().all().get("inv-02").ts()).isEqualTo(swapTs);
                assertThat(late.await(Duration.ofSeconds(10), () -> late.last(inv02) != null)).isTrue();
                Thread.sleep(500);
                assertThat(late.matching(r -> r.topic().equals(inv02))).allSatisfy(r ->
                        assertThat(DeviceNameplate.decode(inv02, r.payload()).ts()).isEqualTo(swapTs));
            }
        }
    }

    private static String serial(TelemetrySubscriber.Received r) {
        if (r == null) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(r.payload());
            return n.path("nameplate").path("serial").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
