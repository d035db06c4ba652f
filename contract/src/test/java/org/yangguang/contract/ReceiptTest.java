package org.yangguang.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new String(GoldenExamples.receiptSchema(), StandardCharsets.UTF_8));

    @Test
    void goldenReceiptsConformToTheSchemaAndReadAsWritten() throws Exception {
        for (String name : new String[]{GoldenExamples.RECEIPT_STORED, GoldenExamples.RECEIPT_STORED_AND_REFUSED}) {
            byte[] golden = GoldenExamples.receipt(name);
            assertThat(SCHEMA.validate(MAPPER.readTree(golden))).as(name).isEmpty();
            Receipt r = Receipt.decode(golden);
            assertThat(MAPPER.readTree(r.encode())).as(name).isEqualTo(MAPPER.readTree(golden));
            assertThat(Receipt.decode(r.encode())).isEqualTo(r);
        }
        Receipt r = Receipt.decode(GoldenExamples.receipt(GoldenExamples.RECEIPT_STORED_AND_REFUSED));
        assertThat(r.station()).isEqualTo("lin-baiwen-01");
        assertThat(r.gateway()).isEqualTo("gw-baiwen-01");
        assertThat(r.stored().toString()).isEqualTo("7-40,42-90");
        assertThat(r.refused().toString()).isEqualTo("41");
        assertThat(r.accounted().toString()).isEqualTo("7-90");
    }

    @Test
    void everyInvalidReceiptIsRejectedWithItsReason() {
        Map<String, String> cases = GoldenExamples.invalidReceiptsWithExpectedCodes();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
        for (Map.Entry<String, String> e : cases.entrySet()) {
            assertThatThrownBy(() -> Receipt.decode(GoldenExamples.invalidReceipt(e.getKey())))
                    .as(e.getKey())
                    .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isEqualTo(e.getValue()));
        }
        assertThatThrownBy(() -> Receipt.decode(GoldenExamples.invalidReceipt("receipt-backwards-range.json")))
                .hasMessage("stored[0]: first 1051 is after last 1042");
    }

    @Test
    void theSchemaRefusesWhatItCanExpress() throws Exception {
        for (String name : new String[]{"receipt-empty.json", "receipt-missing-gateway.json"}) {
            assertThat(SCHEMA.validate(MAPPER.readTree(GoldenExamples.invalidReceipt(name)))).as(name).isNotEmpty();
        }
    }

    @Test
    void aFragmentedReceiptRoundTrips() throws Exception {
        SeqRanges stored = new SeqRanges();
        for (long s = 1; s < 4000; s += 3) {
            stored.add(s, s + 1);
        }
        Receipt r = Receipt.of("s-1", "gw-1", "c-1", 5, stored, SeqRanges.of(3, 3));
        byte[] bytes = r.encode();
        assertThat(bytes.length).isLessThan(Receipt.MAX_PAYLOAD_BYTES);
        assertThat(Receipt.decode(bytes).stored()).isEqualTo(stored);
    }
}
