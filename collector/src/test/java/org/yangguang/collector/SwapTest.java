package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.DeviceNameplate;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yangguang.collector.RollupTest.BEIJING;
import static org.yangguang.collector.RollupTest.EVENING;
import static org.yangguang.collector.RollupTest.STEPS;
import static org.yangguang.collector.RollupTest.at;

/**
 * A day of two 50 kWp inverters read every 5 minutes, 1 kWh a step; both are replaced around noon. inv-1's
 * replacement is a refurbished unit whose lifetime counter stands far above the old one's, inv-2's a new one
 * starting near zero. The new nameplates reach the collector after the day's readings were rolled up: the swaps
 * are recorded at the new units' first readings, the rollups recomputed, and each unit's energy is counted from its
 * own counter (the step from the old unit's last reading to the new unit's first is never energy).
 */
class SwapTest {
    private final String db = Influx.freshDatabase();
    private final String station = "swap-" + UUID.randomUUID().toString().substring(0, 6);
    private Collector collector;

    @BeforeEach
    void start() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        Files.writeString(registry, "station " + station + " kwp=100\ndevice " + station + "/inv-1 kwp=50\n"
                + "device " + station + "/inv-2 kwp=50\n");
        collector = Collector.start(SpineTest.config(db).clock(EVENING).registryFile(registry)
                .rollupInterval(Duration.ofHours(1)).build());
    }

    @AfterEach
    void stop() {
        collector.close();
        Influx.drop(Services.influxUrl(), db);
    }

    /** Old units answer until 11:50 (step 70), nothing at 11:55, the new units from 12:00 (step 72). */
    static Double counter(String device, int step) {
        if (step == 71) {
            return null;
        }
        if (step < 71) {
            return (device.equals("inv-1") ? 2_000_000 : 3_000_000) + 1000.0 * step;
        }
        return (device.equals("inv-1") ? 9_000_000 : 100) + 1000.0 * (step - 72);
    }

    private byte[] nameplate(String device, int step, String serial) {
        return DeviceNameplate.of(station, "gw-swap", device, "inverter", "huawei:sun2000", at(step),
                Nameplate.of(Map.of("manufacturer", "Huawei", "model", "SUN2000-50KTL-M3", "serial", serial))).encode();
    }

    @Test
    void energyAcrossASwapCountsEachUnitFromItsOwnCounterWhicheverIsLarger() throws Exception {
        int sent = 0;
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 0, "HV-OLD-1"));
            pub.publish(Topics.device(station, "inv-2"), nameplate("inv-2", 0, "HV-OLD-2"));
            for (int step = 0; step <= STEPS; step++) {
                for (String device : new String[]{"inv-1", "inv-2"}) {
                    Double c = counter(device, step);
                    if (c != null) {
                        Map<String, PointValue> p = new LinkedHashMap<>();
                        p.put("ac_power", PointValue.of(12_000, "W"));
                        p.put("ac_energy", PointValue.of(c, "Wh"));
                        pub.publish(Topics.telemetry(station, device), Telemetries.bytes(new Telemetry(1, station, "gw-swap",
                                device, "inverter", "huawei:sun2000", at(step), step, DeviceStatus.OK, null, p)));
                        sent++;
                    }
                }
            }
            pub.flush();
            int expected = sent;
            Influx.await(() -> collector.metrics().storedCount() == expected, Duration.ofSeconds(30), expected + " stored");
            collector.rollupNow();
            // not known yet: the refurbished unit's higher counter (9,000,000 against 2,070,000 Wh) is taken for
            // 6,930 kWh of production
            assertThat(inverterKwh("inv-1")).isEqualTo(70 + 6_930 + 72.0);

            // the gateway's nameplates of the new units arrive (after an outage, say), dated by their first reading
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 72, "HV-NEW-1"));
            pub.publish(Topics.device(station, "inv-2"), nameplate("inv-2", 72, "HV-NEW-2"));
            // and the first one again, as after a gateway's reconnect: known, nothing new
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 72, "HV-NEW-1"));
            pub.flush();
        }
        Influx.await(() -> Influx.count(Services.influxUrl(), db, "SELECT count(new_serial) FROM devices.device_swaps") == 2,
                Duration.ofSeconds(20), "two swaps recorded");
        collector.rollupNow();

        // 06:00..11:50 is 70 kWh of the old unit, 12:00..18:00 72 kWh of the new; 11:50 -> 12:00 is nobody's
        assertThat(inverterKwh("inv-1")).isEqualTo(142.0);
        assertThat(inverterKwh("inv-2")).isEqualTo(142.0);
        assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(new_serial) FROM devices.device_swaps"))
                .as("the repeated nameplate recorded nothing").isEqualTo(2);

        JsonArray devices = new JsonArray(get("/api/stations/" + station + "/devices"));
        JsonObject inv1 = devices.stream().map(JsonObject.class::cast).filter(d -> d.getString("device").equals("inv-1"))
                .findFirst().orElseThrow();
        assertThat(inv1.getJsonObject("nameplate").getString("serial")).isEqualTo("HV-NEW-1");
        assertThat(inv1.getLong("since")).isEqualTo(at(72));
        assertThat(inv1.getString("model")).isEqualTo("huawei:sun2000");
        JsonObject swap = inv1.getJsonArray("swaps").getJsonObject(0);
        assertThat(swap.getString("old_serial")).isEqualTo("HV-OLD-1");
        assertThat(swap.getString("new_serial")).isEqualTo("HV-NEW-1");
        assertThat(swap.getLong("ts")).isEqualTo(at(72));
        JsonArray fleet = new JsonArray(get("/api/swaps?station=" + station + "&from=" + at(0)));
        assertThat(fleet).hasSize(2);
    }

    @Test
    void aNameplateThatBreaksTheContractIsDeadLetteredAndCounted() throws Exception {
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            for (Map.Entry<String, String> e : GoldenExamples.invalidNameplatesWithExpectedCodes().entrySet()) {
                double before = collector.metrics().deadLetterCount(e.getValue());
                pub.publish(Topics.device("lin-baiwen-01", "inv-01"), GoldenExamples.invalidNameplate(e.getKey()));
                pub.flush();
                Influx.await(() -> collector.metrics().deadLetterCount(e.getValue()) > before, Duration.ofSeconds(10),
                        e.getKey() + " dead-lettered as " + e.getValue());
            }
            // and a good one still goes through
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 0, "HV-OLD-1"));
            pub.flush();
        }
        Influx.await(() -> Influx.count(Services.influxUrl(), db, "SELECT count(np_serial) FROM devices.device_nameplate"
                + " WHERE station = '" + station + "'") == 1, Duration.ofSeconds(10), "the good nameplate stored");
    }

    @Test
    void aNameplateArrivingWhileInfluxIsDownIsStoredOnceItIsBack() throws Exception {
        String other = Influx.freshDatabase();
        try (org.yangguang.testkit.InfluxServer influx = org.yangguang.testkit.InfluxServer.start();
             Collector c = Collector.start(SpineTest.config(other).influxUrl(influx.url()).clock(EVENING).build());
             Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 0, "HV-OLD-1"));
            pub.flush();
            Influx.await(() -> Influx.count(influx.url(), other, "SELECT count(np_serial) FROM devices.device_nameplate"
                    + " WHERE station = '" + station + "'") == 1, Duration.ofSeconds(10), "the first nameplate stored");
            influx.stop();
            // the replacement is announced while InfluxDB is down: nothing else will bring this message again soon
            pub.publish(Topics.device(station, "inv-1"), nameplate("inv-1", 72, "HV-NEW-1"));
            pub.flush();
            Thread.sleep(1500);
            influx.restart();
            Influx.await(() -> Influx.count(influx.url(), other, "SELECT count(new_serial) FROM devices.device_swaps"
                    + " WHERE station = '" + station + "'") == 1, Duration.ofSeconds(40), "the swap recorded after the outage");
        }
    }

    private double inverterKwh(String device) throws Exception {
        JsonArray r = new JsonArray(get("/api/stations/" + station + "/inverters/ranking?date=2026-06-21"));
        return r.stream().map(JsonObject.class::cast).filter(o -> o.getString("device").equals(device))
                .findFirst().orElseThrow().getDouble("energy_kwh");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }
}
