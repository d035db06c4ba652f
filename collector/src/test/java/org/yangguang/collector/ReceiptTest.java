package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.Services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts: a gateway hears that a reading is stored only after InfluxDB took it, and that one is refused only after
 * its dead letter is out; every reading, stored or refused, has its line in {@code readings} (gateway, seq, outcome).
 */
class ReceiptTest {
    private static final long T0 = SpineTest.GOLDEN_TS;
    private static final String STATION = "rc-01";
    private static final String GATEWAY = "gw-" + STATION; // what Telemetries puts in each reading

    @Test
    void storedAndRefusedReadingsAreReceiptedToTheirGatewayAndRecordedInReadings() throws Exception {
        String db = Influx.freshDatabase();
        try (Collector collector = Collector.start(SpineTest.config(db).build());
             Publisher.Recorder receipts = new Publisher.Recorder(Services.mqttUrl(), Topics.receipt(STATION, GATEWAY));
             Publisher pub = new Publisher(Services.mqttUrl())) {
            List<byte[]> readings = new ArrayList<>();
            for (int seq = 1; seq <= 5; seq++) {
                readings.add(Telemetries.bytes(Telemetries.inverter(STATION, "inv-01", T0 - 10_000 + seq * 1000L, seq, 1000, seq)));
            }
            // seq 6: 2 GW from a 50 kW inverter, refused as out_of_range
            readings.add(Telemetries.bytes(Telemetries.inverter(STATION, "inv-01", T0, 6, 2e9, 6)));
            pub.publish(Topics.telemetryBatch(STATION, "inv-01"), TelemetryBatch.encode(readings));
            pub.flush();

            Influx.await(() -> accounted(receipts).count() == 6, Duration.ofSeconds(20), "seq 1-6 receipted");
            assertThat(stored(receipts).toString()).isEqualTo("1-5");
            assertThat(refused(receipts).toString()).isEqualTo("6");
            assertThat(collector.metrics().receiptsSentCount()).isPositive();

            List<Map<String, Object>> rows = Influx.rows(Services.influxUrl(), db,
                    "SELECT seq, digest, reason FROM readings GROUP BY gateway, outcome, device");
            assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r).containsEntry("gateway", GATEWAY).containsEntry("device", "inv-01"));
            assertThat(rows).filteredOn(r -> "stored".equals(r.get("outcome"))).extracting(r -> ((Number) r.get("seq")).longValue())
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(rows).filteredOn(r -> "refused".equals(r.get("outcome"))).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("seq", 6).containsEntry("reason", "out_of_range"));
            // the gap tracker saw the same receipts: nothing is missing
            Influx.await(() -> collector.gaps().missing(STATION, GATEWAY) == 0 && accounted(receipts).count() == 6,
                    Duration.ofSeconds(5), "no gap");
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }

    @Test
    void noReceiptWhileInfluxIsDownOneAfterItIsBack() throws Exception {
        String db = Influx.freshDatabase();
        try (InfluxServer influx = InfluxServer.start();
             Collector collector = Collector.start(SpineTest.config(db).influxUrl(influx.url())
                     .retryMin(Duration.ofMillis(50)).retryMax(Duration.ofMillis(300)).build());
             Publisher.Recorder receipts = new Publisher.Recorder(Services.mqttUrl(), Topics.receipt(STATION, GATEWAY));
             Publisher pub = new Publisher(Services.mqttUrl())) {
            pub.publish(Topics.telemetryBatch(STATION, "inv-02"), TelemetryBatch.encode(List.of(
                    Telemetries.bytes(Telemetries.inverter(STATION, "inv-02", T0, 1, 1000, 1)))));
            pub.flush();
            Influx.await(() -> accounted(receipts).count() == 1, Duration.ofSeconds(20), "seq 1 receipted");
            influx.stop();
            pub.publish(Topics.telemetryBatch(STATION, "inv-02"), TelemetryBatch.encode(List.of(
                    Telemetries.bytes(Telemetries.inverter(STATION, "inv-02", T0 + 1000, 2, 1000, 2)))));
            pub.flush();
            Influx.await(() -> collector.metrics().retryCount() > 0, Duration.ofSeconds(10), "a write retried");
            Thread.sleep(500);
            assertThat(accounted(receipts).toString()).as("not stored, not receipted").isEqualTo("1");
            influx.restart();
            Influx.await(() -> accounted(receipts).count() == 2, Duration.ofSeconds(30), "seq 2 receipted once stored");
            assertThat(Influx.count(influx.url(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(2);
        }
    }

    static SeqRanges stored(Publisher.Recorder receipts) throws Exception {
        SeqRanges all = new SeqRanges();
        for (Receipt r : decode(receipts)) {
            all.addAll(r.stored());
        }
        return all;
    }

    static SeqRanges refused(Publisher.Recorder receipts) throws Exception {
        SeqRanges all = new SeqRanges();
        for (Receipt r : decode(receipts)) {
            all.addAll(r.refused());
        }
        return all;
    }

    static SeqRanges accounted(Publisher.Recorder receipts) {
        SeqRanges all = new SeqRanges();
        try {
            decode(receipts).forEach(r -> all.addAll(r.accounted()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static List<Receipt> decode(Publisher.Recorder receipts) throws Exception {
        List<Receipt> out = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            out.add(Receipt.decode(receipts.payload(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }
}
