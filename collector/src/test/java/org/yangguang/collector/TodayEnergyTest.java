package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One figure per fact (issue 14): a station's "today" comes from the raw counter readings by the contract's rule, so
 * the station list and the station page's daily energy agree with each other (and with distribution's revenue, which
 * reads the counters by the same rule) even when the 5-minute rollup has not run at all; and a chart of today's power
 * is drawn from the raw readings where the rollup has nothing yet. Here the rollup never runs (an hourly interval, a
 * test of seconds), and the test checks it is empty, so the figures cannot come from it.
 */
class TodayEnergyTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final LocalDateTime SIX = LocalDateTime.of(2026, 6, 21, 6, 0);
    /** 14:00: readings every 5 minutes from 06:00 to 14:00 (steps 0..96). */
    static final Clock AFTERNOON = Clock.fixed(LocalDateTime.of(2026, 6, 21, 14, 0).atZone(BEIJING).toInstant(), ZoneOffset.UTC);
    static final String STATION = "today";

    private final String db = Influx.freshDatabase();
    private Collector collector;

    @BeforeEach
    void start() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        Files.writeString(registry, String.join("\n", "station " + STATION + " kwp=100",
                "device " + STATION + "/inv-1 kwp=50", "device " + STATION + "/inv-2 kwp=50", "station idle kwp=100", ""));
        collector = Collector.start(SpineTest.config(db).clock(AFTERNOON).registryFile(registry)
                .pollInterval(Duration.ofHours(1)).rollupInterval(Duration.ofHours(1)).build());
    }

    @AfterEach
    void stop() {
        collector.close();
        Influx.drop(Services.influxUrl(), db);
    }

    static long at(int step) {
        return SIX.plusMinutes(5L * step).atZone(BEIJING).toInstant().toEpochMilli();
    }

    @Test
    void todayIsOneFigureFromTheRawCountersAndChartsDrawWithoutTheRollup() throws Exception {
        List<String> lines = new ArrayList<>();
        // yesterday's last readings: the start of today's count
        long yesterday = LocalDateTime.of(2026, 6, 20, 23, 55).atZone(BEIJING).toInstant().toEpochMilli();
        lines.add(point("inv-1", 0, 999_500, yesterday));
        lines.add(point("inv-2", 0, 5_000_000, yesterday));
        for (int step = 0; step <= 96; step++) {
            // inv-1 +1 kWh per 5 minutes; inv-2 the same, its counter reset to 0 at 10:00 (step 48): the step back counts 0
            lines.add(point("inv-1", 12_000, 1_000_000 + 1000.0 * step, at(step)));
            lines.add(point("inv-2", 12_000, step < 48 ? 5_000_000 + 1000.0 * step : 1000.0 * (step - 48), at(step)));
        }
        Influx.write(Services.influxUrl(), db, "raw", lines);
        assertThat(Influx.rows(Services.influxUrl(), db, "SELECT count(ac_energy) FROM rollup_5m.telemetry")).as("rollup").isEmpty();

        // inv-1: 1,096,000 - 999,500 = 96,500 Wh; inv-2: 47 kWh before the reset, 48 kWh after it = 95,000 Wh
        long expectedWh = 96_500 + 95_000;
        JsonArray live = new JsonArray(get("/api/stations"));
        JsonObject today = live.stream().map(o -> (JsonObject) o).filter(o -> STATION.equals(o.getString("station"))).findFirst().orElseThrow();
        assertThat(today.getDouble("energy_today_kwh")).isEqualTo(expectedWh / 1000.0);
        assertThat(today.getLong("last_reading_ms")).isEqualTo(at(96));
        // a station without readings says so (no last reading) rather than only 0.0
        JsonObject idle = live.stream().map(o -> (JsonObject) o).filter(o -> "idle".equals(o.getString("station"))).findFirst().orElseThrow();
        assertThat(idle.containsKey("last_reading_ms")).isFalse();

        JsonObject energy = new JsonObject(get("/api/stations/" + STATION + "/energy?from=2026-06-20&to=2026-06-21"));
        JsonObject day = energy.getJsonArray("days").getJsonObject(1);
        assertThat(day.getString("date")).isEqualTo("2026-06-21");
        assertThat(day.getDouble("energy_kwh")).as("the station page's today = the list's").isEqualTo(today.getDouble("energy_today_kwh"));

        long midnight = LocalDateTime.of(2026, 6, 21, 0, 0).atZone(BEIJING).toInstant().toEpochMilli();
        JsonObject series = new JsonObject(get("/api/stations/" + STATION + "/series?field=ac_power&from=" + midnight + "&to=" + AFTERNOON.millis()));
        assertThat(series.getString("level")).isEqualTo("5m");
        // 06:00 .. 13:55 in 5-minute buckets from the raw readings: both inverters, 24 kW
        assertThat(series.getJsonArray("points")).hasSize(96);
        assertThat(series.getJsonArray("points").getJsonArray(0).getDouble(1)).isEqualTo(24_000.0);
    }

    static String point(String device, double powerW, double counterWh, long ms) {
        return "telemetry,station=" + STATION + ",device=" + device + ",kind=inverter ac_power=" + powerW + ",ac_energy=" + counterWh + " " + ms;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
