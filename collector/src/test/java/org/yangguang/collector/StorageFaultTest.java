package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** InfluxDB says no: 503/429 are retried, 413 splits the batch, 400 isolates and dead-letters the one bad message. */
class StorageFaultTest {
    private static final long T0 = 1782014400000L;
    private final String db = Influx.freshDatabase();
    private FaultyInflux proxy;
    private Collector collector;

    @BeforeEach
    void proxy() throws Exception {
        proxy = new FaultyInflux(Services.influxUrl());
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        proxy.close();
        Influx.drop(Services.influxUrl(), db);
    }

    private CollectorConfig.Builder config() {
        return SpineTest.config(db).influxUrl(proxy.url()).retryMin(Duration.ofMillis(10)).retryMax(Duration.ofMillis(50));
    }

    private static void publishSmall(Publisher pub, int n, int startSeq) throws Exception {
        for (int i = 0; i < n; i++) {
            int seq = startSeq + i;
            pub.publish(Topics.telemetry("s1", "inv-" + (seq % 5)),
                    Telemetries.bytes(Telemetries.inverter("s1", "inv-" + (seq % 5), T0 - seq * 1000L, seq, seq, 1000 + seq)));
        }
        pub.flush();
    }

    @Test
    void unavailableInfluxIsRetriedWhileInFlightStaysBounded() throws Exception {
        collector = Collector.start(config().maxInFlight(50).batchPoints(20).build());
        proxy.unavailableWrites.set(30);
        try (Publisher pub = new Publisher(Services.mqttUrl())) {
            publishSmall(pub, 400, 0);
        }
        Influx.await(() -> collector.metrics().storedCount() == 400, Duration.ofSeconds(30), "400 stored");
        assertThat(proxy.answered503.get()).isEqualTo(30);
        assertThat(collector.metrics().retryCount()).isEqualTo(30);
        assertThat(collector.metrics().inFlightMax()).isLessThanOrEqualTo(50);
        assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(400);
        assertThat(collector.metrics().inFlight()).isZero();
    }

    @Test
    void tooLargeBatchesAreSplitAndATooLargeMessageIsDeadLettered() throws Exception {
        collector = Collector.start(config().batchPoints(100).batchLinger(Duration.ofMillis(300)).build());
        proxy.maxBodyBytes = 500;
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            publishSmall(pub, 200, 0);
            pub.publish(Topics.telemetry("lin-baiwen-01", "inv-01"), GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
            pub.flush();
            Influx.await(() -> collector.metrics().storedCount() == 200 && dead.size() == 1, Duration.ofSeconds(30),
                    "200 stored and 1 dead letter");
            JsonObject letter = new JsonObject(dead.payload(0));
            assertThat(dead.topics.get(0)).isEqualTo(Topics.deadLetter("too_large"));
            assertThat(letter.getString("detail")).isEqualTo("InfluxDB answered 413: {\"error\":\"Request Entity Too Large\"}");
        }
        assertThat(proxy.answered413.get()).isGreaterThan(1);
        assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(200);
    }

    @Test
    void aLineInfluxRejectsIsIsolatedAndDeadLetteredWithInfluxReason() throws Exception {
        // accept readings up to 1000 days old, beyond the raw policy's 400 days: InfluxDB itself answers 400
        collector = Collector.start(config().maxAge(Duration.ofDays(1000)).batchPoints(1000).batchLinger(Duration.ofMillis(500)).build());
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            publishSmall(pub, 10, 0);
            pub.publish(Topics.telemetry("s1", "inv-old"), Telemetries.bytes(
                    Telemetries.inverter("s1", "inv-old", T0 - 500L * 86_400_000, 99, 1, 1)));
            publishSmall(pub, 10, 10);
            Influx.await(() -> collector.metrics().storedCount() == 20 && dead.size() == 1, Duration.ofSeconds(30),
                    "20 stored and 1 dead letter");
            JsonObject letter = new JsonObject(dead.payload(0));
            assertThat(dead.topics.get(0)).isEqualTo(Topics.deadLetter("storage_rejected"));
            assertThat(letter.getString("topic")).isEqualTo(Topics.telemetry("s1", "inv-old"));
            assertThat(letter.getString("detail")).startsWith("InfluxDB answered 400: ").contains("points beyond retention policy");
        }
        assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(20);
        assertThat(collector.metrics().inFlight()).isZero();
    }
}
