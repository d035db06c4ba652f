package org.yangguang.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Alarms end to end: raised from MQTT data, stored in InfluxDB, retained on MQTT, listed by the API. */
class AlarmTest {
    @Test
    void faultAndGatewayLastWillAreStoredPublishedAndListed() throws Exception {
        String db = Influx.freshDatabase();
        String station = "al" + db.substring(2, 8);
        long t0 = 1782014400000L;
        try (Collector collector = Collector.start(SpineTest.config(db).build());
             Publisher pub = new Publisher(Services.mqttUrl());
             Publisher.Recorder alarms = new Publisher.Recorder(Services.mqttUrl(), Topics.ROOT + "/alarm/" + station + "/+")) {
            pub.publish(Topics.telemetry(station, "inv-1"), Telemetries.bytes(new Telemetry(1, station, "gw-1", "inv-1", "inverter",
                    "sungrow:sg110cx", t0, 1, DeviceStatus.OK, null, Map.of("fault_code", PointValue.of(39, ""), "ac_power", PointValue.of(0, "W")))));
            pub.publish(Topics.status(station, "gw-1"), GatewayStatus.offline(station, "gw-1", t0 + 5000).encode());
            pub.flush();
            Influx.await(() -> alarms.size() == 2, Duration.ofSeconds(20), "two alarm messages");
            JsonObject fault = new JsonObject(alarms.topics.get(0).endsWith("inv-1") ? alarms.payload(0) : alarms.payload(1));
            assertThat(fault.getMap()).contains(entry("type", "fault"), entry("state", "raised"), entry("severity", "major"),
                    entry("ts", t0), entry("detail", "Low system insulation resistance (code 39)"));
            assertThat(fault.getJsonArray("active")).hasSize(1);

            // only this station's rows: a shared broker also holds other tests' retained gateway statuses
            Influx.await(() -> Influx.rows(Services.influxUrl(), db, "SELECT * FROM alarms WHERE station = '" + station + "'").size() == 2, Duration.ofSeconds(10), "2 alarm rows");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + collector.httpPort() + "/api/alarms?station=" + station))
                    .header("Authorization", "Bearer " + SpineTest.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            JsonArray active = new JsonArray(r.body());
            assertThat(active).hasSize(2);
            assertThat(active.stream().map(o -> ((JsonObject) o).getString("type"))).containsExactlyInAnyOrder("fault", "gateway_offline");
            // each active alarm carries the time it was raised: an acknowledgement is for that raise, not a later one
            assertThat(active.stream().map(o -> ((JsonObject) o).getLong("ts"))).containsExactlyInAnyOrder(t0, t0 + 5000);

            pub.publish(Topics.status(station, "gw-1"), GatewayStatus.online(station, "gw-1", t0 + 9000, 0, 0).encode());
            pub.flush();
            Influx.await(() -> alarms.size() == 3, Duration.ofSeconds(20), "the clear");
            assertThat(new JsonObject(alarms.payload(2)).getString("state")).isEqualTo("cleared");
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }

    /** Both ways readings reach the engine: the stored ones of this collector (ingest) and the alarm feed. */
    @ParameterizedTest
    @EnumSource(value = AlarmMode.class, names = {"INGEST", "FEED"})
    void everyReadingOfABatchReachesTheEngineInItsOrder(AlarmMode mode) throws Exception {
        String db = Influx.freshDatabase();
        String station = "ab" + db.substring(2, 8);
        long t0 = 1782014400000L;
        try (Collector collector = Collector.start(SpineTest.config(db).alarms(mode).build());
             Publisher pub = new Publisher(Services.mqttUrl());
             Publisher.Recorder alarms = new Publisher.Recorder(Services.mqttUrl(), Topics.ROOT + "/alarm/" + station + "/+")) {
            // raised by the first reading, cleared by the next two: only all three, in order, give exactly that
            pub.publish(Topics.telemetryBatch(station, "inv-1"), TelemetryBatch.encode(List.of(
                    faultCode(station, t0 - 20_000, 39), faultCode(station, t0 - 10_000, 0), faultCode(station, t0, 0))));
            pub.flush();
            Influx.await(() -> alarms.size() == 2, Duration.ofSeconds(20), "the raise and the clear");
            assertThat(new JsonObject(alarms.payload(0)).getMap()).contains(entry("type", "fault"), entry("state", "raised"), entry("ts", t0 - 20_000));
            assertThat(new JsonObject(alarms.payload(1)).getMap()).contains(entry("type", "fault"), entry("state", "cleared"), entry("ts", t0));
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }

    private static byte[] faultCode(String station, long ts, int code) {
        return Telemetries.bytes(new Telemetry(1, station, "gw-1", "inv-1", "inverter", "sungrow:sg110cx", ts, ts / 1000,
                DeviceStatus.OK, null, Map.of("fault_code", PointValue.of(code, ""), "ac_power", PointValue.of(1000, "W"))));
    }
}
