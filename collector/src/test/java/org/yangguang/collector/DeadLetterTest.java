package org.yangguang.collector;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.collector.validation.RegistrationPolicy;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad messages go to the dead-letter topic with a reason a person can act on; good ones keep flowing. */
class DeadLetterTest {
    private final String db = Influx.freshDatabase();
    private Collector collector;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        Influx.drop(Services.influxUrl(), db);
    }

    @Test
    void everyGoldenInvalidExampleAndPolicyViolationIsDeadLetteredWithItsReason() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        // the golden reading's gateway and the test readings' (Telemetries) both serve the station
        Files.writeString(registry, "station lin-baiwen-01 kwp=300\ngateway gw-baiwen-01 station=lin-baiwen-01\n"
                + "gateway gw-lin-baiwen-01 station=lin-baiwen-01\ndevice lin-baiwen-01/inv-01 kwp=50\n"
                + "station lin-yaotou-01\ndevice lin-yaotou-01/inv-01\n");
        collector = Collector.start(SpineTest.config(db).registration(RegistrationPolicy.STRICT).registryFile(registry).build());
        String topic = Topics.telemetry("lin-baiwen-01", "inv-01");
        long t0 = 1782014400000L; // the golden clock reads t0 + 1 min

        List<String> expected = new ArrayList<>();
        try (Publisher.Recorder dead = new Publisher.Recorder(Services.mqttUrl(), Topics.DEAD_LETTER_ROOT + "/#");
             Publisher pub = new Publisher(Services.mqttUrl())) {
            for (Map.Entry<String, String> e : GoldenExamples.invalidWithExpectedCodes().entrySet()) {
                pub.publish(topic, GoldenExamples.invalid(e.getKey()));
                expected.add(e.getValue());
            }
            pub.publish(topic, "not json at all".getBytes(StandardCharsets.UTF_8));
            expected.add("not_json");
            pub.publish(topic, Telemetries.bytes(Telemetries.inverter("lin-baiwen-01", "inv-01", t0, 1, 2e9, 1)));
            expected.add("out_of_range");
            pub.publish(topic, Telemetries.bytes(Telemetries.inverter("lin-baiwen-01", "inv-01", t0 + 3_600_000, 2, 1, 1)));
            expected.add("clock_skew");
            pub.publish(topic, Telemetries.bytes(Telemetries.inverter("lin-baiwen-01", "inv-01", t0 - 400L * 86_400_000, 3, 1, 1)));
            expected.add("clock_skew");
            pub.publish(Topics.telemetry("lin-baiwen-01", "inv-02"), Telemetries.bytes(Telemetries.inverter("lin-baiwen-01", "inv-01", t0, 4, 1, 1)));
            expected.add("topic_mismatch");
            pub.publish(Topics.telemetry("lin-baiwen-01", "inv-09"), Telemetries.bytes(Telemetries.inverter("lin-baiwen-01", "inv-09", t0, 5, 1, 1)));
            expected.add("unknown_device");
            Telemetry foreign = new Telemetry(1, "lin-baiwen-01", "gw-yaotou-01", "inv-01", "inverter", "sunspec:103", t0, 6,
                    DeviceStatus.OK, null, Map.of("ac_power", PointValue.of(1, "W")));
            pub.publish(topic, Telemetries.bytes(foreign));
            expected.add("gateway_mismatch");
            pub.publish(Topics.telemetry("lin-yaotou-01", "inv-01"), Telemetries.bytes(Telemetries.inverter("lin-yaotou-01", "inv-01", t0, 7, 1, 1)));
            expected.add("unknown_gateway");
            // a good one after all of them: ingest is not stalled
            pub.publish(topic, GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
            pub.flush();

            Influx.await(() -> dead.size() == expected.size() && collector.metrics().storedCount() == 1,
                    Duration.ofSeconds(20), expected.size() + " dead letters and 1 stored message");
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < dead.size(); i++) {
                JsonObject letter = new JsonObject(dead.payload(i));
                assertThat(dead.topics.get(i)).isEqualTo(Topics.deadLetter(letter.getString("reason")));
                assertThat(letter.getString("detail")).isNotBlank();
                assertThat(letter.getString("topic")).startsWith(Topics.ROOT + "/telemetry/");
                assertThat(letter.containsKey("payload")).isTrue();
                reasons.add(letter.getString("reason"));
                if (letter.getString("reason").equals("wrong_unit")) {
                    assertThat(letter.getString("detail")).isEqualTo("points.ac_power.unit: 'kW' given, ac_power is always in 'W'");
                }
                if (letter.getString("reason").equals("unknown_device")) {
                    assertThat(letter.getString("detail")).isEqualTo("station 'lin-baiwen-01' device 'inv-09' is not in the registry: "
                            + "add it to the registry file or run with --registration auto");
                }
                if (letter.getString("reason").equals("gateway_mismatch")) {
                    assertThat(letter.getString("detail")).isEqualTo("reading for station 'lin-baiwen-01' says gateway "
                            + "'gw-yaotou-01', but the registry lists [gw-baiwen-01, gw-lin-baiwen-01] for it: a gateway publishes "
                            + "only with its own id (check 'gateway:' in its station.yaml and the registry)");
                }
                if (letter.getString("reason").equals("clock_skew") && letter.getString("detail").contains("ahead")) {
                    assertThat(letter.getString("detail")).isEqualTo("ts 2026-06-21T05:00:00Z is 59 min ahead of the collector's clock "
                            + "(limit 5 min): check NTP on gateway gw-lin-baiwen-01");
                }
            }
            assertThat(reasons).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(collector.metrics().deadLetterCount("clock_skew")).isEqualTo(2);
        assertThat(collector.metrics().deadLetterCount("wrong_unit")).isEqualTo(1);
        assertThat(collector.metrics().inFlight()).isZero();
        assertThat(Influx.count(Services.influxUrl(), db, "SELECT count(ac_power) FROM telemetry")).isEqualTo(1);
    }
}
