package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.DeviceStatus;
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
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A day of a 100 kWp station (two 50 kWp inverters and an irradiance sensor), read every 5 minutes from 06:00 to
 * 18:00 Beijing time, through MQTT into rollups and the query API. inv-1 produces 1 kWh per 5 minutes; inv-2 too,
 * but its counter is reset at 12:00 and it is silent 14:05–14:55; inv-1's 08:00–09:00 readings arrive late.
 */
class RollupTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final LocalDateTime SIX = LocalDateTime.of(2026, 6, 21, 6, 0);
    static final Clock EVENING = Clock.fixed(LocalDateTime.of(2026, 6, 21, 20, 0).atZone(BEIJING).toInstant(), ZoneOffset.UTC);
    static final int STEPS = 144; // 06:00 .. 18:00 inclusive is 145 readings

    private final String db = Influx.freshDatabase();
    private Collector collector;

    @BeforeEach
    void start() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        Files.writeString(registry, String.join("\n",
                "station roll kwp=100 lat=37.95 lon=110.99",
                "device roll/inv-1 kwp=50",
                "device roll/inv-2 kwp=50",
                "device roll/pyr-1 kind=sensor", ""));
        collector = Collector.start(SpineTest.config(db).clock(EVENING).registryFile(registry)
                .rollupInterval(Duration.ofHours(1)).build());
    }

    @AfterEach
    void stop() {
        collector.close();
        Influx.drop(Services.influxUrl(), db);
    }

    static long at(int step) {
        return SIX.plusMinutes(5L * step).atZone(BEIJING).toInstant().toEpochMilli();
    }

    static boolean late(int step) {
        return step >= 24 && step <= 36; // 08:00 .. 09:00
    }

    static boolean silent(int step) {
        return step >= 97 && step <= 107; // 14:05 .. 14:55
    }

    static double inv2Counter(int step) {
        // 2,000,000 Wh at 06:00, +1000 per step; reset to 0 at 12:00 (step 72) and +1000 per step from there
        return step < 72 ? 2_000_000 + 1000.0 * step : 1000.0 * (step - 72);
    }

    private static byte[] reading(String device, String kind, int step, Map<String, PointValue> points) {
        return Telemetries.bytes(new Telemetry(1, "roll", "gw-roll", device, kind, kind.equals("sensor") ? "pyranometer" : "sunspec:103",
                at(step), step, DeviceStatus.OK, null, points));
    }

    private static Map<String, PointValue> inverter(double counter) {
        Map<String, PointValue> p = new LinkedHashMap<>();
        p.put("ac_power", PointValue.of(12_000, "W"));
        p.put("ac_energy", PointValue.of(counter, "Wh"));
        return p;
    }

    @Test
    void dailyEnergyEquivalentHoursPrAndRankingFromRollups() throws Exception {
        int sent = 0;
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            for (int step = 0; step <= STEPS; step++) {
                if (!late(step)) {
                    pub.publish(Topics.telemetry("roll", "inv-1"), reading("inv-1", "inverter", step, inverter(1_000_000 + 1000.0 * step)));
                    sent++;
                }
                if (!silent(step)) {
                    pub.publish(Topics.telemetry("roll", "inv-2"), reading("inv-2", "inverter", step, inverter(inv2Counter(step))));
                    sent++;
                }
                pub.publish(Topics.telemetry("roll", "pyr-1"), reading("pyr-1", "sensor", step, Map.of("irradiance", PointValue.of(600, "W/m2"))));
                sent++;
            }
            pub.flush();
            int expected = sent;
            Influx.await(() -> collector.metrics().storedCount() == expected, Duration.ofSeconds(30), expected + " stored");
            collector.rollupNow();

            // inv-1's counter jumps over the missing hour: 07:55 -> 09:05 is 14 steps, all in the 09:05 bucket,
            // plus 09:10..09:55; the day's total is the same
            assertThat(hourEnergy("inv-1", 8)).isNull();
            assertThat(hourEnergy("inv-1", 9)).isEqualTo(14_000 + 10_000);

            for (int step = 24; step <= 36; step++) {
                pub.publish(Topics.telemetry("roll", "inv-1"), reading("inv-1", "inverter", step, inverter(1_000_000 + 1000.0 * step)));
                sent++;
            }
            pub.flush();
            int expectedAll = sent;
            Influx.await(() -> collector.metrics().storedCount() == expectedAll, Duration.ofSeconds(30), expectedAll + " stored");
            collector.rollupNow();
        }
        // late data recomputed: 08:05..09:00 are 12 steps in hour 8, 09:05..10:00 are 12 in hour 9
        assertThat(hourEnergy("inv-1", 8)).isEqualTo(12_000);
        assertThat(hourEnergy("inv-1", 9)).isEqualTo(12_000);

        // the day: inv-1 144 steps = 144 kWh; inv-2 loses only the reset step (143 kWh), the silent hour is
        // carried by the counter into 15:00; irradiation 145 buckets x 600 W/m2 x 5 min = 7.25 kWh/m2
        JsonObject energy = get("/api/stations/roll/energy?from=2026-06-20&to=2026-06-21");
        JsonArray days = energy.getJsonArray("days");
        assertThat(days.getJsonObject(0).getDouble("energy_kwh")).isEqualTo(0.0);
        JsonObject day = days.getJsonObject(1);
        assertThat(day.getString("date")).isEqualTo("2026-06-21");
        assertThat(day.getDouble("energy_kwh")).isEqualTo(287.0);
        assertThat(day.getDouble("equivalent_hours")).isEqualTo(2.87);

        // the live list carries the registry's position, which the console's station map plots
        JsonObject roll = new JsonArray(getRaw("/api/stations")).stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("station").equals("roll")).findFirst().orElseThrow();
        assertThat(roll.getDouble("lat")).isEqualTo(37.95);
        assertThat(roll.getDouble("lon")).isEqualTo(110.99);
        assertThat(day.getDouble("irradiation_kwh_m2")).isEqualTo(7.25);
        assertThat(day.getDouble("performance_ratio")).isEqualTo(0.3959); // 2.87 h / 7.25 h
        JsonObject month = energy.getJsonArray("months").getJsonObject(0);
        assertThat(month.getString("month")).isEqualTo("2026-06");
        assertThat(month.getDouble("energy_kwh")).isEqualTo(287.0);

        JsonArray inverters = new JsonArray(getRaw("/api/stations/roll/inverters/ranking?date=2026-06-21"));
        assertThat(inverters.getJsonObject(0).getMap()).contains(entry("rank", 1), entry("device", "inv-1"),
                entry("energy_kwh", 144.0), entry("specific_yield_kwh_kwp", 2.88));
        assertThat(inverters.getJsonObject(1).getMap()).contains(entry("rank", 2), entry("device", "inv-2"),
                entry("energy_kwh", 143.0), entry("specific_yield_kwh_kwp", 2.86));

        JsonArray stations = new JsonArray(getRaw("/api/ranking?date=2026-06-21"));
        assertThat(stations.getJsonObject(0).getMap()).contains(entry("rank", 1), entry("station", "roll"),
                entry("energy_kwh", 287.0), entry("specific_yield_kwh_kwp", 2.87));

        // a week of station power comes from the 1 h rollup, the day from 5 min, two hours of a device from raw
        long from = at(0);
        JsonObject week = get("/api/stations/roll/series?field=ac_power&from=" + (from - 6 * 86_400_000L) + "&to=" + (from + 86_400_000L));
        assertThat(week.getString("level")).isEqualTo("1h");
        JsonObject dayPower = get("/api/stations/roll/series?field=ac_power&from=" + from + "&to=" + (from + 86_400_000L));
        assertThat(dayPower.getString("level")).isEqualTo("5m");
        assertThat(dayPower.getJsonArray("points").getJsonArray(0).getList()).containsExactly(from, 24_000.0);
        JsonObject raw = get("/api/stations/roll/series?device=inv-1&field=ac_energy&from=" + from + "&to=" + (from + 7_200_000L));
        assertThat(raw.getString("level")).isEqualTo("raw");
        assertThat(raw.getJsonArray("points")).hasSize(24);
        assertThat(raw.getJsonArray("points").getJsonArray(1).getList()).containsExactly(at(1), 1_001_000.0);

        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base() + "/api/stations/roll/series?field=ac_power%29%20FROM%20x"))
                .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("field 'ac_power) FROM x' must be a point name like ac_power");
    }

    private Double hourEnergy(String device, int localHour) {
        long t = SIX.withHour(localHour).atZone(BEIJING).toInstant().toEpochMilli();
        List<Map<String, Object>> rows = Influx.rows(Services.influxUrl(), db, "SELECT energy FROM rollup_1h.telemetry_1h WHERE device = '"
                + device + "' AND time = " + t + "ms");
        return rows.isEmpty() || rows.get(0).get("energy") == null ? null : ((Number) rows.get(0).get("energy")).doubleValue();
    }

    private String base() {
        return "http://127.0.0.1:" + collector.httpPort();
    }

    private String getRaw(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }

    private JsonObject get(String path) throws Exception {
        return new JsonObject(getRaw(path));
    }
}
