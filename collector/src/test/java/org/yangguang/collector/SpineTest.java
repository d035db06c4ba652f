package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The golden payloads through real Mosquitto into real InfluxDB, value for value. */
class SpineTest {
    /** The golden example's poll time. */
    static final long GOLDEN_TS = 1782014400000L;
    /** The golden example's poll time plus a minute: the clock the collector validates against. */
    static final Clock GOLDEN_CLOCK = Clock.fixed(Instant.ofEpochMilli(GOLDEN_TS + 60_000), ZoneOffset.UTC);

    private String db;
    private Collector collector;

    @BeforeEach
    void start() {
        db = Influx.freshDatabase();
        collector = Collector.start(config(db).build());
    }

    /** The API token the tests' collectors require (/api answers nobody without one). */
    static final String API_TOKEN = "spine-test-api-token-0123456789";

    static CollectorConfig.Builder config(String db) {
        return CollectorConfig.builder()
                .mqttUrl(Services.mqttUrl()).influxUrl(Services.influxUrl()).database(db)
                .group("g" + db.substring(2)).clientId("c-" + UUID.randomUUID().toString().substring(0, 8))
                .httpPort(0).httpToken(API_TOKEN).batchLinger(Duration.ofMillis(50)).clock(GOLDEN_CLOCK);
    }

    @AfterEach
    void stop() {
        collector.close();
        Influx.drop(Services.influxUrl(), db);
    }

    @Test
    void storesTheGoldenExampleExactly() throws Exception {
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(Topics.telemetry("lin-baiwen-01", "inv-01"), GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
            pub.publish(Topics.telemetry("lin-baiwen-01", "inv-03"), GoldenExamples.valid(GoldenExamples.TIMEOUT));
            pub.flush();
        }
        String url = Services.influxUrl();
        Influx.await(() -> collector.metrics().storedCount() == 2, Duration.ofSeconds(20), "two messages stored");

        List<Map<String, Object>> rows = Influx.rows(url, db, "SELECT * FROM telemetry");
        assertThat(rows).hasSize(1);
        Map<String, Object> r = rows.get(0);
        assertThat(r).contains(
                entry("time", 1782014400000L),
                entry("station", "lin-baiwen-01"), entry("device", "inv-01"),
                entry("kind", "inverter"), entry("model", "sunspec:103"),
                entry("ac_current", 52.3), entry("ac_current_a", 17.4), entry("ac_current_b", 17.5),
                entry("ac_current_c", 17.4), entry("ac_voltage_ab", 400), entry("ac_voltage_bc", 400.4),
                entry("ac_voltage_ca", 399.8), entry("ac_voltage_an", 230.9), entry("ac_voltage_bn", 231.2),
                entry("ac_voltage_cn", 230.5), entry("ac_power", 36250), entry("ac_frequency", 50.01),
                entry("ac_apparent_power", 36400), entry("ac_reactive_power", -1200), entry("power_factor", 99.6),
                entry("ac_energy", 123456789), entry("dc_current", 95.2), entry("dc_voltage", 392.5),
                entry("dc_power", 37360), entry("temperature_cabinet", 41.3), entry("temperature_heatsink", 52.7),
                entry("operating_state", 4), entry("events", 0));
        // 1 time + 4 tags + 23 points: nothing else was invented
        assertThat(r).hasSize(28);

        // every point is a float field, so the distribution's InfluxQL on ac_energy sums exactly
        assertThat(Influx.rows(url, db, "SHOW FIELD KEYS FROM telemetry"))
                .allSatisfy(f -> assertThat(f.get("fieldType")).isEqualTo("float")).hasSize(23);
        assertThat(Influx.rows(url, db, "SELECT sum(ac_energy) FROM telemetry WHERE kind='inverter' GROUP BY device"))
                .singleElement().satisfies(s -> assertThat(((Number) s.get("sum")).longValue()).isEqualTo(123456789L));

        assertThat(Influx.rows(url, db, "SELECT * FROM telemetry_text")).singleElement()
                .satisfies(t -> assertThat(t).contains(entry("operating_state", "MPPT"), entry("time", 1782014400000L)));

        assertThat(Influx.rows(url, db, "SELECT * FROM device_status")).singleElement().satisfies(s -> assertThat(s).contains(
                entry("time", 1782014405000L), entry("station", "lin-baiwen-01"), entry("device", "inv-03"),
                entry("kind", "inverter"), entry("status", "timeout"), entry("gateway", "gw-baiwen-01"),
                entry("error", "no response from 192.168.1.20:502 unit 3 within 1000 ms (2 retries)")));

        // the default retention policy is raw, 400 days
        assertThat(Influx.rows(url, db, "SHOW RETENTION POLICIES")).anySatisfy(p -> assertThat(p)
                .contains(entry("name", "raw"), entry("duration", "9600h0m0s"), entry("default", true)));
        assertThat(collector.metrics().inFlight()).isZero();
    }

    @Test
    void preparingTwiceChangesNothing() {
        String url = Services.influxUrl();
        List<Map<String, Object>> before = Influx.rows(url, db, "SHOW RETENTION POLICIES");
        try (Collector second = Collector.start(config(db).build())) {
            assertThat(Influx.rows(url, db, "SHOW RETENTION POLICIES")).isEqualTo(before);
        }
        assertThat(before).extracting(m -> m.get("name")).contains("raw", "rollup_5m", "rollup_1h", "rollup_1d");
    }

    @Test
    void healthSaysUpWhenConsuming() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("UP");
        HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(m.body()).contains("yangguang_collector_in_flight", "yangguang_collector_write_latency");
    }
}
