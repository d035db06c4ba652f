package org.yangguang.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceNameplateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new String(GoldenExamples.nameplateSchema(), StandardCharsets.UTF_8));
    private static final String TOPIC = "yangguang/v1/device/lin-baiwen-01/inv-01";

    @Test
    void goldenNameplatesConformToTheSchemaAndReadBackAsWritten() throws Exception {
        for (String name : new String[]{GoldenExamples.NAMEPLATE_HUAWEI, GoldenExamples.NAMEPLATE_SUNSPEC}) {
            byte[] golden = GoldenExamples.valid(name);
            assertThat(SCHEMA.validate(MAPPER.readTree(golden))).as(name).isEmpty();
            String device = MAPPER.readTree(golden).get("device").asText();
            DeviceNameplate d = DeviceNameplate.decode(Topics.device("lin-baiwen-01", device), golden);
            assertThat(MAPPER.readTree(d.encode())).as(name).isEqualTo(MAPPER.readTree(golden));
        }
        DeviceNameplate huawei = DeviceNameplate.decode("yangguang/v1/device/lin-baiwen-01/inv-02",
                GoldenExamples.valid(GoldenExamples.NAMEPLATE_HUAWEI));
        assertThat(huawei.nameplate().serial()).isEqualTo("HV2150123456");
        assertThat(huawei.nameplate().get(Nameplate.MODEL)).isEqualTo("SUN2000-50KTL-M3");
        assertThat(huawei.ts()).isEqualTo(1782014400000L);
    }

    @Test
    void everyInvalidNameplateIsRejectedWithItsCodeAndBreaksTheSchemaFileToo() throws Exception {
        Map<String, String> cases = GoldenExamples.invalidNameplatesWithExpectedCodes();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        cases.forEach((file, code) -> {
            byte[] payload = GoldenExamples.invalidNameplate(file);
            assertThatThrownBy(() -> DeviceNameplate.decode(TOPIC, payload)).as(file)
                    .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).as(file).isEqualTo(code));
            try {
                assertThat(SCHEMA.validate(MAPPER.readTree(payload))).as(file).isNotEmpty();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theTopicMustNameThePayloadsDevice() {
        byte[] golden = GoldenExamples.valid(GoldenExamples.NAMEPLATE_SUNSPEC);
        assertThatThrownBy(() -> DeviceNameplate.decode("yangguang/v1/device/lin-baiwen-01/inv-09", golden))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("topic_mismatch"));
        assertThatThrownBy(() -> DeviceNameplate.decode("yangguang/v2/telemetry/lin-baiwen-01/inv-01", golden))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("topic_mismatch"));
        assertThatThrownBy(() -> DeviceNameplate.decode(TOPIC, "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("not_object"));
    }

    @Test
    void aSwapIsAnotherSerialNumberNothingElse() {
        Nameplate a = Nameplate.of(Map.of("model", "SUN2000-50KTL-M3", "serial", "HV1", "version", "V1"));
        Nameplate upgraded = Nameplate.of(Map.of("model", "SUN2000-50KTL-M3", "serial", "HV1", "version", "V2"));
        Nameplate replaced = Nameplate.of(Map.of("model", "SUN2000-50KTL-M3", "serial", "HV2"));
        Nameplate unreadable = Nameplate.of(Map.of("model", "SUN2000-50KTL-M3"));
        assertThat(upgraded.isSwapFrom(a)).isFalse();
        assertThat(replaced.isSwapFrom(a)).isTrue();
        assertThat(unreadable.isSwapFrom(a)).as("a serial that could not be read is no evidence").isFalse();
        assertThat(a.isSwapFrom(unreadable)).isFalse();
        assertThat(a.isSwapFrom(null)).isFalse();
    }

    @Test
    void registerTextsAreCleanedBeforeTheyBecomeNameplateValues() {
        assertThat(Nameplate.clean("  SUN2000\u0000\u0000 ")).isEqualTo("SUN2000");
        assertThat(Nameplate.clean("\u00ff\u00ff".replace('\u00ff', '\uFFFD'))).isNull();
        assertThat(Nameplate.clean("\u0000\u0000")).isNull();
        assertThat(Nameplate.clean("x".repeat(100))).hasSize(Nameplate.MAX_VALUE);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("serial", "A\nB");
        assertThatThrownBy(() -> Nameplate.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }
}
