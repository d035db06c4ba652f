package org.yangguang.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new String(GoldenExamples.schema(), java.nio.charset.StandardCharsets.UTF_8));

    @Test
    void goldenExamplesConformToTheSchemaFile() throws Exception {
        for (String name : new String[]{GoldenExamples.SUNSPEC_103_OK, GoldenExamples.TIMEOUT}) {
            Set<ValidationMessage> errors = SCHEMA.validate(MAPPER.readTree(GoldenExamples.valid(name)));
            assertThat(errors).as(name).isEmpty();
        }
    }

    @Test
    void invalidExamplesBreakTheSchemaFileToo() throws Exception {
        for (String name : new String[]{"wrong-unit.json", "missing-station.json", "future-schema.json", "ts-as-text.json",
                "seq-fraction.json"}) {
            JsonNode node = MAPPER.readTree(GoldenExamples.invalid(name));
            assertThat(SCHEMA.validate(node)).as(name).isNotEmpty();
        }
    }

    @Test
    void everyValueReadsBackAsTheSameDouble() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        Map<String, PointValue> points = new java.util.LinkedHashMap<>();
        int n = 0;
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 5) {
                case 0 -> (rnd.nextInt(2_000_001) - 1_000_000) / Math.pow(10, rnd.nextInt(10)); // register x 10^-k
                case 1 -> rnd.nextLong() / 1e3;
                case 2 -> Double.longBitsToDouble(rnd.nextLong()) % 1e12;
                case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                default -> rnd.nextGaussian() * 1e-7;
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            points.put("p" + (n++ % 200), PointValue.of(v, "W"));
            if (points.size() == 200) {
                Telemetry t = new Telemetry(1, "s-1", "gw-1", "inv-1", "inverter", "sunspec:103", 1, i, DeviceStatus.OK, null, points);
                JsonNode back = MAPPER.readTree(TelemetryCodec.encode(t)).get("points");
                points.forEach((k, pv) -> assertThat(Double.doubleToLongBits(back.get(k).get("value").doubleValue()))
                        .as("%s = %s", k, pv.value()).isEqualTo(Double.doubleToLongBits(pv.value() == 0 ? 0.0 : pv.value())));
                points.clear();
            }
        }
        assertThat(n).isGreaterThan(19_000);
    }

    @Test
    void errorTextsAreEscapedAndKeptVerbatim() throws Exception {
        String error = "unit 3 at \"逆变器\" said:\n\tC:\\ \u0001 done";
        Telemetry t = new Telemetry(1, "s-1", "gw-1", "inv-1", "inverter", "sunspec:103", 1, 2, DeviceStatus.TIMEOUT, error, Map.of());
        byte[] json = TelemetryCodec.encode(t);
        assertThat(MAPPER.readTree(json).get("error").asText()).isEqualTo(error);
        assertThat(TelemetryCodec.decode(json)).isEqualTo(t);
    }

    @Test
    void decodesTheGoldenInverterReadingExactly() throws Exception {
        Telemetry t = TelemetryCodec.decode(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        assertThat(t.station()).isEqualTo("lin-baiwen-01");
        assertThat(t.device()).isEqualTo("inv-01");
        assertThat(t.status()).isEqualTo(DeviceStatus.OK);
        assertThat(t.ts()).isEqualTo(1782014400000L);
        assertThat(t.points().get("ac_power")).isEqualTo(PointValue.of(36250, "W"));
        assertThat(t.points().get("ac_energy")).isEqualTo(PointValue.of(123456789, "Wh"));
        assertThat(t.points().get("ac_current_a").value()).isEqualTo(17.4);
        assertThat(t.points().get("operating_state")).isEqualTo(new PointValue(4, "", "MPPT"));
        assertThat(t.points()).hasSize(23);
    }

    @Test
    void encodeThenDecodeIsIdentityAndMatchesTheSchema() throws Exception {
        for (String name : new String[]{GoldenExamples.SUNSPEC_103_OK, GoldenExamples.TIMEOUT}) {
            Telemetry t = TelemetryCodec.decode(GoldenExamples.valid(name));
            byte[] encoded = TelemetryCodec.encode(t);
            assertThat(TelemetryCodec.decode(encoded)).isEqualTo(t);
            assertThat(MAPPER.readTree(encoded)).isEqualTo(MAPPER.readTree(GoldenExamples.valid(name)));
            assertThat(SCHEMA.validate(MAPPER.readTree(encoded))).isEmpty();
        }
    }

    @Test
    void everyInvalidExampleIsRejectedWithItsReason() {
        for (Map.Entry<String, String> e : GoldenExamples.invalidWithExpectedCodes().entrySet()) {
            assertThatThrownBy(() -> TelemetryCodec.decode(GoldenExamples.invalid(e.getKey())))
                    .as(e.getKey())
                    .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo(e.getValue()));
        }
    }

    @Test
    void aWrongUnitNamesTheFieldAndTheExpectedUnit() {
        assertThatThrownBy(() -> TelemetryCodec.decode(GoldenExamples.invalid("wrong-unit.json")))
                .hasMessage("points.ac_power.unit: 'kW' given, ac_power is always in 'W'");
    }

    @Test
    void aPresentButNonIntegerTsOrSeqSaysWhatWasFoundNotThatItIsMissing() {
        assertThatThrownBy(() -> TelemetryCodec.decode(GoldenExamples.invalid("ts-as-text.json")))
                .hasMessage("ts: must be a whole number of epoch milliseconds >= 0, was the string \"2026-06-21T04:00:05Z\"");
        assertThatThrownBy(() -> TelemetryCodec.decode(GoldenExamples.invalid("seq-fraction.json")))
                .hasMessage("seq: must be a whole number >= 0 (the gateway's sequence number), was 1043.5");
        String golden = new String(GoldenExamples.valid(GoldenExamples.TIMEOUT), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> cases = Map.of(
                "\"ts\": 1782014405000,", "ts: must be a whole number of epoch milliseconds >= 0, was -5",
                "\"seq\": 1043,", "seq: must be a whole number >= 0 (the gateway's sequence number), was null");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String replaced = c.getKey().startsWith("\"ts") ? golden.replace(c.getKey(), "\"ts\": -5,") : golden.replace(c.getKey(), "\"seq\": null,");
            assertThatThrownBy(() -> TelemetryCodec.decode(replaced.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("bad_value"))
                    .hasMessage(c.getValue());
        }
        String noTs = golden.replace("\"ts\": 1782014405000,", "");
        assertThatThrownBy(() -> TelemetryCodec.decode(noTs.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("missing_field"))
                .hasMessage("ts: required integer field is missing");
    }

    @Test
    void topicsRoundTripAndRejectUnsafeIds() {
        assertThat(Topics.telemetry("lin-baiwen-01", "inv-01")).isEqualTo("yangguang/v1/telemetry/lin-baiwen-01/inv-01");
        assertThat(Topics.parseTelemetry("yangguang/v1/telemetry/lin-baiwen-01/inv-01"))
                .contains(new Topics.Address("lin-baiwen-01", "inv-01"));
        assertThat(Topics.parseTelemetry("yangguang/v1/telemetry/a/b/c")).isEmpty();
        assertThat(Topics.telemetryBatch("lin-baiwen-01", "inv-01")).isEqualTo("yangguang/v2/telemetry/lin-baiwen-01/inv-01");
        assertThat(Topics.parseTelemetry("yangguang/v2/telemetry/lin-baiwen-01/inv-01"))
                .contains(new Topics.Address("lin-baiwen-01", "inv-01"));
        assertThat(Topics.parseTelemetry("yangguang/v3/telemetry/lin-baiwen-01/inv-01")).isEmpty();
        assertThat(Topics.receipt("lin-baiwen-01", "gw-baiwen-01")).isEqualTo("yangguang/v2/receipt/lin-baiwen-01/gw-baiwen-01");
        assertThatThrownBy(() -> Topics.receipt("lin-baiwen-01", "gw/+")).hasMessageContaining("gateway id");
        assertThat(Topics.sharedTelemetry("collectors")).containsExactly(
                "$share/collectors/yangguang/v2/telemetry/+/+", "$share/collectors/yangguang/v1/telemetry/+/+");
        assertThatThrownBy(() -> Topics.telemetry("Lin Baiwen", "inv-01")).hasMessageContaining("station id");
        assertThatThrownBy(() -> Topics.telemetry("a/b", "inv-01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gatewayStatusRoundTrips() throws Exception {
        GatewayStatus s = GatewayStatus.online("lin-baiwen-01", "gw-1", 1782014400000L, 12, 0);
        assertThat(GatewayStatus.decode(s.encode())).isEqualTo(s);
        assertThat(GatewayStatus.decode(GatewayStatus.offline("lin-baiwen-01", "gw-1", 5).encode()).isOnline()).isFalse();
    }
}
