package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored history does not change: the same reading again is a duplicate (counted, receipted, not written), and another
 * reading for a device and time already stored is refused (ts_conflict) and dead-lettered, whether it comes in a later
 * message, from a collector started afresh, or in the same batch.
 */
class OverwriteTest {
    private static final long T0 = SpineTest.GOLDEN_TS;
    private static final String STATION = "ow-01";
    private static final String GATEWAY = "gw-" + STATION;

    @Test
    void aSecondReadingAtTheSameDeviceAndTimeIsRefusedAndTheSameOneIsADuplicate() throws Exception {
        String db = Influx.freshDatabase();
        String topic = Topics.telemetryBatch(STATION, "inv-01");
        Telemetry first = Telemetries.inverter(STATION, "inv-01", T0, 10, 30_000, 123_456_789);
        Telemetry rewrite = Telemetries.inverter(STATION, "inv-01", T0, 99, 50_000, 999_999_999); // history rewritten
        Telemetry sameSeqOtherValues = Telemetries.inverter(STATION, "inv-01", T0, 10, 30_001, 123_456_789);
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.deadLetter("ts_conflict"));
             Publisher.Recorder receipts = new Publisher.Recorder(Services.mqttUrl(), Topics.receipt(STATION, GATEWAY));
             Publisher pub = new Publisher(Services.mqttUrl())) {
            // one client id for both runs: the restarted collector resumes its session (and its place in the share)
            CollectorConfig cfg = SpineTest.config(db).build();
            try (Collector collector = Collector.start(cfg)) {
                pub.publish(topic, TelemetryBatch.encode(List.of(Telemetries.bytes(first))));
                pub.flush();
                Influx.await(() -> collector.metrics().storedCount() == 1, Duration.ofSeconds(20), "the first stored");
                pub.publish(topic, TelemetryBatch.encode(List.of(Telemetries.bytes(first)))); // a replay
                pub.publish(topic, TelemetryBatch.encode(List.of(Telemetries.bytes(rewrite))));
                pub.flush();
                Influx.await(() -> collector.metrics().duplicateCount() == 1 && dead.size() == 1, Duration.ofSeconds(20),
                        "one duplicate, one conflict");
                assertThat(collector.metrics().storedCount()).isEqualTo(1);
            }
            // a collector started afresh knows nothing in memory: the check is against what InfluxDB holds
            try (Collector collector = Collector.start(cfg)) {
                pub.publish(topic, TelemetryBatch.encode(List.of(Telemetries.bytes(sameSeqOtherValues))));
                // two readings for one new time in one batch: the first is stored, the second refused
                pub.publish(topic, TelemetryBatch.encode(List.of(
                        Telemetries.bytes(Telemetries.inverter(STATION, "inv-01", T0 + 5000, 11, 1, 1)),
                        Telemetries.bytes(Telemetries.inverter(STATION, "inv-01", T0 + 5000, 12, 2, 2)))));
                pub.flush();
                Influx.await(() -> dead.size() == 3 && collector.metrics().storedCount() == 1, Duration.ofSeconds(20),
                        "two more conflicts, one stored");
            }
            JsonObject letter = new JsonObject(dead.payload(0));
            assertThat(letter.getString("detail")).isEqualTo("device ow-01/inv-01 already has a reading at 2026-06-21T04:00:00Z "
                    + "(seq 10 from gw-ow-01) with other values or another sequence number; this one (seq 99 from gw-ow-01) is "
                    + "refused so that stored history never changes");
            assertThat(new JsonObject(letter.getString("payload")).getLong("seq")).isEqualTo(99);
            assertThat(Influx.rows(Services.influxUrl(), db, "SELECT ac_power, ac_energy FROM telemetry WHERE time = " + T0 + "ms"))
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("ac_power", 30000).containsEntry("ac_energy", 123456789));
            assertThat(Influx.rows(Services.influxUrl(), db, "SELECT ac_power FROM telemetry WHERE time = " + (T0 + 5000) + "ms"))
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("ac_power", 1));
            Influx.await(() -> ReceiptTest.accounted(receipts).toString().equals("10-12,99"), Duration.ofSeconds(10),
                    "every reading receipted");
            // seq 10 as well: the second reading that claimed it was refused (the stored one stays stored)
            assertThat(ReceiptTest.refused(receipts).toString()).isEqualTo("10,12,99");
            assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(seq) FROM readings WHERE outcome = 'refused'"))
                    .as("refusals on record, one line per device and time (the two at T0 share one)").isEqualTo(2);
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }
}
