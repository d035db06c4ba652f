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
        for (String name : new String[]{"wrong-unit.json", "missing-station.json", "future-schema.json"}) {
            JsonNode node = MAPPER.readTree(GoldenExamples.invalid(name));
            assertThat(SCHEMA.validate(node)).as(name).isNotEmpty();
        }
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
    void topicsRoundTripAndRejectUnsafeIds() {
        assertThat(Topics.telemetry("lin-baiwen-01", "inv-01")).isEqualTo("yangguang/v1/telemetry/lin-baiwen-01/inv-01");
        assertThat(Topics.parseTelemetry("yangguang/v1/telemetry/lin-baiwen-01/inv-01"))
                .contains(new Topics.Address("lin-baiwen-01", "inv-01"));
        assertThat(Topics.parseTelemetry("yangguang/v1/telemetry/a/b/c")).isEmpty();
        assertThat(Topics.sharedTelemetry("collectors")).isEqualTo("$share/collectors/yangguang/v1/telemetry/+/+");
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
