package org.yangguang.integration;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.distribution.telemetry.EnergyReading;
import org.yangguang.distribution.telemetry.InfluxSettings;
import org.yangguang.distribution.telemetry.InfluxStationEnergy;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.image.RegisterDump;
import org.yangguang.simulator.station.ImageDevice;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.MutableClock;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inverter swap through every part: a Huawei SUN2000 on the simulator (its golden register image, the lifetime
 * counter moved on 1 kWh a poll), polled by the gateway with the shipped map, stops answering and comes back as a
 * refurbished unit with another serial number and a counter 4,000 kWh higher. The gateway announces the new
 * nameplate at the new unit's first reading, the collector records the swap, and the day's energy — the collector's
 * rollups and distribution's settlement query alike — counts each unit from its own counter: the 4,000 kWh between
 * the two counters is nobody's production.
 */
class InverterSwapTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant TEN_AM = LocalDate.of(2026, 6, 21).atTime(10, 0).atZone(BEIJING).toInstant();
    private static final Duration POLL = Duration.ofMinutes(5);

    @Test
    void aSwappedInverterIsCountedFromEachUnitsOwnCounterInRollupsAndSettlement(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String station = "swap-" + run;
        String db = "swap_" + run;
        MutableClock clock = new MutableClock(TEN_AM);
        RegisterDump huawei = RegisterDump.shipped("huawei-sun2000-50ktl-m3");
        try (SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(1, 50_000)
                .withOfflineHold(Duration.ofMillis(500)), clock, Map.of(10, huawei));
             Collector collector = Collector.start(CollectorConfig.builder().mqttUrl(Services.mqttUrl())
                     .influxUrl(Services.influxUrl()).database(db).group("g" + run).clientId("c-" + run).httpPort(0)
                     .httpToken(API_TOKEN).batchLinger(Duration.ofMillis(50)).rollupInterval(Duration.ofHours(1)).clock(clock).build());
             Gateway gw = Gateway.create(GatewayConfig.builder(station, "gw-" + run).mqtt(Services.mqttUrl())
                     .buffer(dir.resolve("buffer")).pollInterval(POLL)
                     .link(LinkConfig.tcp("127.0.0.1", sim.port(), new LinkTiming(Duration.ofMillis(300), 0,
                             Duration.ZERO, Duration.ZERO), List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"),
                             new DeviceConfig("inv-hw", 10, "inverter", "huawei-sun2000")))).build(), clock)) {
            gw.startUplink();
            ImageDevice device = sim.image(10);
            RegisterDump unit = huawei;
            long counter = 12_345_678; // 0.01 kWh: 123,456.78 kWh
            int ok = 0;
            for (int poll = 0; poll < 24; poll++) {
                if (poll == 12) {
                    device.setOffline(true); // taken away
                } else if (poll == 13) {
                    // its replacement: another serial, a counter 4,000 kWh higher
                    unit = huawei.withText(RegisterDump.Table.HOLDING, 30015, 10, "HV2199990001");
                    counter += 400_000;
                    device.setOffline(false);
                }
                device.serve(unit.with32(RegisterDump.Table.HOLDING, 32106, counter, true));
                sim.refresh();
                List<Telemetry> t = gw.pollOnce();
                ok += (int) t.stream().filter(x -> x.status() == DeviceStatus.OK).count();
                counter += 100; // 1 kWh a poll
                clock.advance(POLL);
            }
            assertThat(gw.awaitPublished(Duration.ofSeconds(30))).isTrue();
            int expected = ok;
            await(() -> collector.metrics().storedCount() >= expected, "every ok reading stored");
            await(() -> swaps(collector, station).contains("HV2199990001"), "the swap recorded");
            collector.rollupNow();

            // old unit: polls 0..11, 11 steps of 1 kWh; new unit: polls 13..23, 10 steps; 11:00 -> 11:05 is nobody's
            LocalDate day = LocalDate.of(2026, 6, 21);
            assertThat(rankingKwh(collector, station, day, "inv-hw")).isEqualTo(21.0);
            InfluxStationEnergy settlement = new InfluxStationEnergy(new InfluxSettings(Services.influxUrl(), db,
                    "telemetry", "", ""));
            EnergyReading r = settlement.energy(station, day.atStartOfDay(BEIJING).toInstant(),
                    day.plusDays(1).atStartOfDay(BEIJING).toInstant());
            assertThat(r.whByDevice().get("inv-hw")).isEqualTo(21_000L);
            assertThat(r.swaps()).singleElement().satisfies(w -> {
                assertThat(w.device()).isEqualTo("inv-hw");
                assertThat(w.oldSerial()).isEqualTo("HV2150123456");
                assertThat(w.newSerial()).isEqualTo("HV2199990001");
                assertThat(w.at()).isEqualTo(TEN_AM.plus(POLL.multipliedBy(13)).toString());
            });
            // the collector's day for the whole station equals distribution's, to the Wh
            double stationKwh = rankingKwh(collector, station, day, "inv-01") + 21.0;
            assertThat(r.wh()).isEqualTo(Math.round(stationKwh * 1000));
        } finally {
            try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
                influx.query(new Query("DROP DATABASE \"" + db + "\""));
            }
        }
    }

    /** The collector's /api requires a bearer token (collector/README.md, HTTP). */
    private static final String API_TOKEN = "inverter-swap-test-token-" + java.util.UUID.randomUUID();

    private static String get(Collector c, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.httpPort()
                + path)).header("Authorization", "Bearer " + API_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String swaps(Collector c, String station) {
        try {
            return get(c, "/api/swaps?station=" + station + "&from=0");
        } catch (Exception e) {
            return "";
        }
    }

    private static double rankingKwh(Collector c, String station, LocalDate day, String device) throws Exception {
        io.vertx.core.json.JsonArray r = new io.vertx.core.json.JsonArray(get(c, "/api/stations/" + station
                + "/inverters/ranking?date=" + day));
        return r.stream().map(io.vertx.core.json.JsonObject.class::cast).filter(o -> o.getString("device").equals(device))
                .findFirst().orElseThrow().getDouble("energy_kwh");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
