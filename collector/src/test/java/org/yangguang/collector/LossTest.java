package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GatewayStatus;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A day of a three-inverter station (60, 50 and 40 kWp) read every five minutes, through MQTT into InfluxDB, the
 * alarm engine, the rollups and the loss API. All three follow the same sun, so what a faulty one would have made is
 * known exactly: its kWp × the day's specific power. inv-2 faults 10:00–11:00; inv-3's link is down 13:00–14:00 (it
 * goes on producing); the gateway is down 15:00–15:30 (all go on producing); inv-1 faults at 18:30 and is still down
 * when the day's data ends.
 */
class LossTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final LocalDateTime SIX = LocalDateTime.of(2026, 6, 21, 6, 0);
    static final Clock EVENING = Clock.fixed(LocalDateTime.of(2026, 6, 21, 20, 0).atZone(BEIJING).toInstant(), ZoneOffset.UTC);
    static final int STEPS = 156; // 06:00 .. 19:00
    static final String STATION = "lossy";
    static final Map<String, Double> KWP = Map.of("inv-1", 60.0, "inv-2", 50.0, "inv-3", 40.0);

    private final String db = Influx.freshDatabase();
    private Collector collector;

    @BeforeEach
    void start() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        Files.writeString(registry, String.join("\n", "station " + STATION + " kwp=150 lat=37.95 lon=110.99",
                "device " + STATION + "/inv-1 kwp=60", "device " + STATION + "/inv-2 kwp=50", "device " + STATION + "/inv-3 kwp=40", ""));
        // a poll interval of an hour: the offline check never runs by itself in this test, and a bucket's reading is
        // at its start (the shift is capped at the bucket)
        collector = Collector.start(SpineTest.config(db).clock(EVENING).registryFile(registry)
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

    /** W per kWp at a step: a smooth day, the same for every inverter of the station. */
    static double specific(int step) {
        double h = 6 + step / 12.0;
        return Math.max(0, 900 * Math.sin(Math.PI * (h - 5.5) / 14));
    }

    static boolean faulty(String device, int step) {
        return device.equals("inv-2") && step >= 48 && step < 60      // 10:00 .. 10:55
                || device.equals("inv-1") && step >= 150;              // 18:30 ..
    }

    static boolean silent(String device, int step) {
        return device.equals("inv-3") && step >= 84 && step < 96      // 13:00 .. 13:55
                || step >= 108 && step < 114;                          // 15:00 .. 15:25, the whole station
    }

    /** What a device at fault over the steps lost: the energy its counter would have counted. */
    static double truth(String device, int fromStep, int toStep) {
        double wh = 0;
        for (int s = fromStep; s < toStep; s++) {
            wh += KWP.get(device) * specific(s) * 5 / 60;
        }
        return wh;
    }

    private static byte[] reading(String device, int step, double counter) {
        boolean fault = faulty(device, step);
        Map<String, PointValue> p = new LinkedHashMap<>();
        p.put("ac_power", PointValue.of(fault ? 0 : KWP.get(device) * specific(step), "W"));
        p.put("ac_energy", PointValue.of(counter, "Wh"));
        p.put("fault_code", PointValue.of(fault ? 2032 : 0, ""));
        return Telemetries.bytes(new Telemetry(1, STATION, "gw-lossy", device, "inverter", "huawei:sun2000", at(step), step,
                DeviceStatus.OK, null, p));
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body().startsWith("[") ? new JsonObject().put("list", new JsonArray(r.body())) : new JsonObject(r.body());
    }

    @Test
    void eachFaultIsPricedAtWhatItCostAndOutagesThatCostNothingAreZero() throws Exception {
        int sent = 0;
        Map<String, Double> counters = new LinkedHashMap<>(Map.of("inv-1", 5e6, "inv-2", 4e6, "inv-3", 3e6));
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            for (int step = 0; step <= STEPS; step++) {
                for (String d : List.of("inv-1", "inv-2", "inv-3")) {
                    if (!faulty(d, step)) {
                        counters.merge(d, KWP.get(d) * specific(step) * 5 / 60, Double::sum);
                    }
                    if (!silent(d, step)) {
                        pub.publish(Topics.telemetry(STATION, d), reading(d, step, counters.get(d)));
                        sent++;
                    }
                }
                if (step == 107) {
                    // the broker sends the gateway's last will, written when it connected at 06:00, once its link has
                    // died: after its last readings were handled
                    pub.flush();
                    int before = sent;
                    Influx.await(() -> collector.metrics().storedCount() >= before, Duration.ofSeconds(60), before + " stored");
                    pub.publish(Topics.status(STATION, "gw-lossy"), GatewayStatus.offline(STATION, "gw-lossy", at(0)).encode());
                } else if (step == 114) {
                    pub.publish(Topics.status(STATION, "gw-lossy"), GatewayStatus.online(STATION, "gw-lossy", at(114), 0, 0).encode());
                }
            }
            pub.flush();
        }
        int expected = sent;
        Influx.await(() -> collector.metrics().storedCount() >= expected, Duration.ofSeconds(60), expected + " stored");
        // inv-3's link: the offline raise dated from its last reading (the engine's timer is not run by this test)
        Influx.write(Services.influxUrl(), db, "raw", List.of(
                "alarms,device=inv-3,station=" + STATION + ",type=device_offline state=\"raised\",severity=\"major\",detail=\"no data\",since=" + at(83) + " " + at(90),
                "alarms,device=inv-3,station=" + STATION + ",type=device_offline state=\"cleared\",severity=\"major\",detail=\"reporting again\" " + at(96)));
        try {
            Influx.await(() -> Influx.rows(Services.influxUrl(), db, "SELECT state FROM alarms WHERE station = '" + STATION + "'").size() >= 8,
                    Duration.ofSeconds(30), "the alarm events");
        } catch (AssertionError e) {
            // a timeout says which events are there, so that a missing one can be told from a slow one
            throw new AssertionError(e.getMessage() + "; found " + Influx.rows(Services.influxUrl(), db,
                    "SELECT * FROM alarms WHERE station = '" + STATION + "'") + "; stored " + collector.metrics().storedCount(), e);
        }
        collector.rollupNow();

        JsonObject day = get("/api/losses?station=" + STATION + "&from=2026-06-21&to=2026-06-21");
        Map<String, JsonObject> byType = day.getJsonArray("episodes").stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(e -> e.getString("device") + " " + e.getString("type"), e -> e, (a, b) -> a));

        JsonObject fault = byType.get("inv-2 fault");
        assertThat(fault.getString("state")).isEqualTo("closed");
        assertThat(fault.getLong("since")).isEqualTo(at(48));
        assertThat(fault.getString("method")).isEqualTo("reference");
        assertThat((double) fault.getLong("lost_wh")).isCloseTo(truth("inv-2", 48, 60), within(1.0));
        assertThat(fault.getLong("unconfirmed_wh")).isZero();
        // the same hour also raised zero output: charged once, to the fault
        assertThat(byType.get("inv-2 zero_output_daylight").getLong("lost_wh")).isZero();

        // a dead link or gateway while the inverters went on producing costs nothing: their counters caught up
        JsonObject offline = byType.get("inv-3 device_offline");
        assertThat(offline.getLong("lost_wh")).isBetween(0L, 1L);
        assertThat(offline.getLong("actual_wh")).isPositive();
        JsonObject gateway = byType.get("gw-lossy gateway_offline");
        assertThat(gateway.getLong("since")).as("from the station's last reading, not the will's connect time").isEqualTo(at(107));
        assertThat(gateway.getLong("lost_wh")).isBetween(0L, 2L);

        // still open: its loss so far, and the hour after the data ends, which nothing can price yet, said so
        JsonObject open = byType.get("inv-1 fault");
        assertThat(open.getString("state")).isEqualTo("open");
        assertThat((double) open.getLong("lost_wh")).isCloseTo(truth("inv-1", 150, STEPS + 1), within(1.0));
        assertThat(open.getLong("unpriced_buckets")).isEqualTo(12);
        assertThat(open.getString("note")).startsWith("no healthy peer inverter, and too little healthy history in the 7 days before 2026-06-21");

        long total = day.getJsonArray("episodes").stream().mapToLong(o -> ((JsonObject) o).getLong("lost_wh")).sum();
        assertThat(day.getLong("lost_wh")).isEqualTo(total);
        JsonObject station = day.getJsonArray("stations").getJsonObject(0);
        assertThat(station.getLong("lost_wh")).isEqualTo(total);
        assertThat(station.getJsonArray("days").getJsonObject(0).getLong("lost_wh")).isEqualTo(total);

        JsonArray queue = get("/api/losses/open?station=" + STATION).getJsonArray("list");
        assertThat(queue.stream().map(o -> ((JsonObject) o).getString("device") + " " + ((JsonObject) o).getString("type")))
                .contains("inv-1 fault");
        JsonObject first = queue.getJsonObject(0);
        assertThat(first.getInteger("rank")).isEqualTo(1);
        assertThat(first.getLong("lost_wh_last_24h")).isEqualTo(first.getLong("lost_wh"));

        // expected against actual, bucket by bucket: inv-2 at 10:30 should have made its share of the peers' sun
        JsonObject rows = get("/api/stations/" + STATION + "/expected?device=inv-2&from=" + at(54) + "&to=" + at(55));
        JsonObject row = rows.getJsonArray("rows").getJsonObject(0);
        assertThat(row.getString("method")).isEqualTo("reference");
        assertThat(row.getInteger("peers")).isEqualTo(2);
        assertThat(row.getDouble("expected_wh")).isCloseTo(50 * specific(54) * 5 / 60, within(0.1));
        assertThat(row.getDouble("actual_wh")).isZero();
    }
}
