package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract v2: a message is a batch of one device's readings. Each reading is stored or dead-lettered on its own
 * (the letter names its index in the batch), an unreadable envelope is dead-lettered whole, and the message is
 * acknowledged only when every one of its readings is stored or dead-lettered.
 */
class BatchIngestTest {
    private static final long T0 = SpineTest.GOLDEN_TS; // SpineTest.GOLDEN_CLOCK reads T0 + 1 min

    private final String db = Influx.freshDatabase();
    private final String station = "bt" + db.substring(2, 10);
    private final String topic = Topics.telemetryBatch(station, "inv-1");
    private Collector collector;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        Influx.drop(Services.influxUrl(), db);
    }

    /** A reading of inv-1 {@code secondsBefore} s before T0. */
    private byte[] reading(int secondsBefore) {
        return Telemetries.bytes(Telemetries.inverter(station, "inv-1", T0 - secondsBefore * 1000L, 100 - secondsBefore,
                1000 + secondsBefore, 5_000_000 - secondsBefore));
    }

    /** The same reading with ac_power in kW, which the contract forbids (wrong_unit). */
    private byte[] wrongUnit(int secondsBefore) {
        String json = new String(reading(secondsBefore), StandardCharsets.UTF_8);
        assertThat(json).contains("\"unit\":\"W\"");
        return json.replace("\"unit\":\"W\"", "\"unit\":\"kW\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Dead letters about this test's station (the broker is shared with other tests). */
    private List<JsonObject> letters(Publisher.Recorder dead) {
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < dead.size(); i++) {
            JsonObject letter = new JsonObject(dead.payload(i));
            if (letter.getString("topic").contains("/" + station + "/")) {
                out.add(letter);
            }
        }
        return out;
    }

    private long storedRows() {
        return Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry WHERE station = '" + station + "'");
    }

    @Test
    void aBadReadingIsDeadLetteredAloneAndTheRestOfItsBatchIsStored() throws Exception {
        CollectorConfig cfg = SpineTest.config(db).build();
        collector = Collector.start(cfg);
        byte[] bad = wrongUnit(30);
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(topic, TelemetryBatch.encode(List.of(reading(50), reading(40), bad, reading(20), reading(10))));
            // an old gateway beside it: v1 is still read
            pub.publish(Topics.telemetry(station, "inv-2"), Telemetries.bytes(Telemetries.inverter(station, "inv-2", T0, 1, 500, 100)));
            pub.flush();
            Influx.await(() -> collector.metrics().storedCount() == 5 && letters(dead).size() == 1
                    && collector.metrics().inFlight() == 0, Duration.ofSeconds(20), "5 readings stored, 1 dead letter, both messages acknowledged");

            JsonObject letter = letters(dead).get(0);
            assertThat(letter.getMap()).contains(Map.entry("reason", "wrong_unit"), Map.entry("topic", topic),
                    Map.entry("index", 2), Map.entry("readings", 5),
                    Map.entry("detail", "points.ac_power.unit: 'kW' given, ac_power is always in 'W'"),
                    Map.entry("payload", new String(bad, StandardCharsets.UTF_8)));
        }
        assertThat(Influx.rows(Services.influxUrl(), db, "SELECT ac_power FROM telemetry WHERE device = 'inv-1'"))
                .extracting(r -> r.get("time")).containsExactly(T0 - 50_000, T0 - 40_000, T0 - 20_000, T0 - 10_000);
        assertThat(storedRows()).isEqualTo(5);
        assertThat(collector.metrics().receivedCount()).isEqualTo(2);
        assertThat(collector.metrics().readingsCount()).isEqualTo(6);
        assertThat(collector.metrics().deadLetterCount("wrong_unit")).isEqualTo(1);

        // acknowledged for real: the same session, resumed, gets nothing again from the broker
        collector.close();
        collector = Collector.start(cfg);
        Thread.sleep(1000);
        assertThat(collector.metrics().receivedCount()).isZero();
    }

    @Test
    void anUnreadableBatchIsDeadLetteredWhole() throws Exception {
        collector = Collector.start(SpineTest.config(db).build());
        byte[] schema1 = reading(20); // a v1 message on a v2 topic
        byte[] empty = "{\"schema\":2,\"readings\":[]}".getBytes(StandardCharsets.UTF_8);
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(topic, schema1);
            pub.publish(topic, empty);
            pub.publish(topic, TelemetryBatch.encode(List.of(reading(10), reading(5)))); // and ingest goes on
            pub.flush();
            Influx.await(() -> collector.metrics().storedCount() == 2 && letters(dead).size() == 2
                    && collector.metrics().inFlight() == 0, Duration.ofSeconds(20), "2 readings stored, 2 dead letters, all acknowledged");

            Map<String, JsonObject> byReason = new HashMap<>();
            letters(dead).forEach(l -> byReason.put(l.getString("reason"), l));
            assertThat(byReason).containsOnlyKeys("unsupported_schema", "no_readings");
            assertThat(byReason.get("unsupported_schema").getString("payload")).isEqualTo(new String(schema1, StandardCharsets.UTF_8));
            assertThat(byReason.get("no_readings").getString("payload")).isEqualTo(new String(empty, StandardCharsets.UTF_8));
            assertThat(byReason.values()).allSatisfy(l -> {
                assertThat(l.getString("topic")).isEqualTo(topic);
                assertThat(l.containsKey("index")).as("a letter for the whole message has no index").isFalse();
            });
        }
        assertThat(storedRows()).isEqualTo(2);
        assertThat(collector.metrics().readingsCount()).isEqualTo(2);
    }

    @Test
    void aReadingInfluxRefusesIsDeadLetteredAloneWithItsText() throws Exception {
        // readings up to 1000 days old pass validation, beyond the raw policy's 400 days: InfluxDB itself answers 400
        collector = Collector.start(SpineTest.config(db).maxAge(Duration.ofDays(1000)).build());
        byte[] old = Telemetries.bytes(Telemetries.inverter(station, "inv-1", T0 - 500L * 86_400_000, 1, 1, 1));
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(topic, TelemetryBatch.encode(List.of(reading(20), old, reading(10))));
            pub.flush();
            Influx.await(() -> collector.metrics().storedCount() == 2 && letters(dead).size() == 1
                    && collector.metrics().inFlight() == 0, Duration.ofSeconds(20), "2 readings stored, 1 dead letter, acknowledged");
            JsonObject letter = letters(dead).get(0);
            assertThat(letter.getMap()).contains(Map.entry("reason", "storage_rejected"), Map.entry("index", 1),
                    Map.entry("readings", 3), Map.entry("payload", new String(old, StandardCharsets.UTF_8)));
            assertThat(letter.getString("detail")).contains("points beyond retention policy");
        }
        assertThat(storedRows()).isEqualTo(2);
    }

    @Test
    void theMessageWaitsForItsLastReadingBeforeItIsAcknowledged() throws Exception {
        try (FaultyInflux proxy = new FaultyInflux(Services.influxUrl())) {
            collector = Collector.start(SpineTest.config(db).influxUrl(proxy.url())
                    .retryMin(Duration.ofMillis(20)).retryMax(Duration.ofMillis(50)).build());
            proxy.unavailableWrites.set(100_000);
            try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
                 Publisher pub = new Publisher(Services.mqttUrl())) {
                pub.publish(topic, TelemetryBatch.encode(List.of(reading(20), wrongUnit(10))));
                pub.flush();
                Influx.await(() -> letters(dead).size() == 1 && proxy.answered503.get() >= 3, Duration.ofSeconds(20),
                        "the bad reading dead-lettered while the good one's write is being retried");
                assertThat(letters(dead).get(0).getInteger("index")).isEqualTo(1);
                assertThat(collector.metrics().inFlight()).as("not acknowledged while a reading is unstored").isEqualTo(1);

                proxy.unavailableWrites.set(0);
                Influx.await(() -> collector.metrics().storedCount() == 1 && collector.metrics().inFlight() == 0,
                        Duration.ofSeconds(20), "the good reading stored and the message acknowledged");
            }
            assertThat(storedRows()).isEqualTo(1);
            collector.close(); // before its InfluxDB proxy goes
        }
    }
}
