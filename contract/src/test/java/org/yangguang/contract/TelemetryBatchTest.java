package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryBatchTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What a collector makes of one reading: the telemetry, or the reason code it is rejected with. */
    private static Object outcome(byte[] reading) {
        try {
            return TelemetryCodec.decode(reading);
        } catch (ContractViolation v) {
            return v.code();
        }
    }

    @Test
    void everyReadingInABatchReadsAsItWouldAlone() throws Exception {
        // The golden valid and invalid readings, and odd elements, mixed in one batch: the batch must hand each
        // one back byte for byte, so that a bad reading is rejected alone and the good ones around it are stored.
        List<byte[]> readings = new ArrayList<>();
        readings.add(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        for (Map.Entry<String, String> e : GoldenExamples.invalidWithExpectedCodes().entrySet()) {
            if (!e.getValue().equals("not_json")) { // a torn reading would tear the envelope, tested below
                readings.add(GoldenExamples.invalid(e.getKey()));
            }
        }
        readings.add(GoldenExamples.valid(GoldenExamples.TIMEOUT));
        readings.add(utf8("\"a \\\"quoted\\\" string\""));
        readings.add(utf8("[1, {\"a\": [2]}]"));
        readings.add(utf8("-12.5e3"));
        readings.add(utf8("null"));
        readings.add(utf8("{\"text\": \"} ] , \\\\\"}"));
        List<byte[]> back = TelemetryBatch.split(TelemetryBatch.encode(readings));
        assertThat(back).hasSameSizeAs(readings);
        for (int i = 0; i < readings.size(); i++) {
            // the reading's text exactly, less the whitespace around it (the golden files end with a newline)
            assertThat(new String(back.get(i), StandardCharsets.UTF_8)).isEqualTo(new String(readings.get(i), StandardCharsets.UTF_8).strip());
            assertThat(outcome(back.get(i))).isEqualTo(outcome(readings.get(i)));
        }
        assertThat(outcome(back.get(0))).isInstanceOf(Telemetry.class);
        assertThat(outcome(back.get(readings.size() - 4))).isEqualTo("not_object");
    }

    @Test
    void whitespaceAndFieldOrderAreFree() throws Exception {
        byte[] one = GoldenExamples.valid(GoldenExamples.TIMEOUT);
        String batch = " {\n \"readings\" : [ " + new String(one, StandardCharsets.UTF_8) + " ] , \"note\": {\"x\": [1]},\n \"schema\" : 2 } ";
        List<byte[]> back = TelemetryBatch.split(utf8(batch));
        assertThat(back).hasSize(1);
        assertThat(TelemetryCodec.decode(back.get(0))).isEqualTo(TelemetryCodec.decode(one));
    }

    @Test
    void anUnusableEnvelopeIsRejectedAsAWholeWithItsReason() {
        byte[] one = GoldenExamples.valid(GoldenExamples.TIMEOUT);
        String r = new String(one, StandardCharsets.UTF_8);
        Map<String, String> cases = Map.of(
                "", "empty",
                "{\"schema\":2,\"readings\":[" + r, "not_json",
                "{\"schema\":2,\"readings\":[" + r + "]} x", "not_json",
                "[" + r + "]", "not_object",
                "{\"schema\":1,\"readings\":[" + r + "]}", "unsupported_schema",
                "{\"readings\":[" + r + "]}", "missing_field",
                "{\"schema\":2}", "missing_field",
                "{\"schema\":2,\"readings\":{}}", "missing_field",
                "{\"schema\":2,\"readings\":[]}", "no_readings");
        cases.forEach((payload, code) -> assertThatThrownBy(() -> TelemetryBatch.split(utf8(payload)))
                .as(payload).isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo(code)));
        assertThatThrownBy(() -> TelemetryBatch.split(new byte[TelemetryBatch.MAX_PAYLOAD_BYTES + 1]))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo("too_large"));
    }

    @Test
    void theEncodedSizeIsKnownBeforeEncoding() {
        List<byte[]> readings = List.of(utf8("{}"), utf8("{\"a\":1}"), utf8("{}"));
        assertThat(TelemetryBatch.encode(readings)).hasSize(TelemetryBatch.overhead(3) + 2 + 7 + 2);
    }
}
