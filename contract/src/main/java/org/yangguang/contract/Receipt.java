package org.yangguang.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A collector's word to one gateway that readings are accounted for, on {@link Topics#receipt(String, String)}
 * (contract/v2/receipt.schema.json, docs/mqtt-contract.md "Receipts"):
 *
 * <pre>{"schema":1,"station":"lin-baiwen-01","gateway":"gw-baiwen-01","collector":"collector-1","ts":1782014401000,
 *  "stored":[[1042,1051],[1053,1060]],"refused":[[1052,1052]]}</pre>
 *
 * <p>{@code stored}: written to InfluxDB (the write answered 2xx), or found there already with the same values (a
 * duplicate). {@code refused}: the collector will never store them (a policy check failed: out of range, clock skew,
 * a different reading already stored at that device and time, ...) and dead-lettered them with the reason. Either
 * way the gateway may forget them. A PUBACK says only that the broker took a message; a receipt is the only thing
 * that lets a gateway delete a reading.
 *
 * @param ts when the collector sent it (epoch ms), for logs; receipts are idempotent and may come in any order
 */
public record Receipt(int schema, String station, String gateway, String collector, long ts, SeqRanges stored,
                      SeqRanges refused) {
    public static final int SCHEMA_VERSION = 1;
    /** A receipt names ranges, not readings: even a badly fragmented one is far below this. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Receipt {
        Topics.requireId("station", station);
        Topics.requireId("gateway", gateway);
        Objects.requireNonNull(collector, "collector");
        stored = SeqRanges.copyOf(Objects.requireNonNull(stored, "stored"));
        refused = SeqRanges.copyOf(Objects.requireNonNull(refused, "refused"));
        if (stored.isEmpty() && refused.isEmpty()) {
            throw new IllegalArgumentException("a receipt names at least one reading");
        }
    }

    /** A copy: a receipt does not change once read. */
    @Override
    public SeqRanges stored() {
        return SeqRanges.copyOf(stored);
    }

    /** A copy: a receipt does not change once read. */
    @Override
    public SeqRanges refused() {
        return SeqRanges.copyOf(refused);
    }

    public static Receipt of(String station, String gateway, String collector, long ts, SeqRanges stored, SeqRanges refused) {
        return new Receipt(SCHEMA_VERSION, station, gateway, collector, ts, stored, refused);
    }

    /** Every reading this receipt accounts for, stored or refused. */
    public SeqRanges accounted() {
        SeqRanges all = SeqRanges.copyOf(stored);
        all.addAll(refused);
        return all;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 24 * (stored.rangeCount() + refused.rangeCount()));
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema", schema);
            g.writeStringField("station", station);
            g.writeStringField("gateway", gateway);
            g.writeStringField("collector", collector);
            g.writeNumberField("ts", ts);
            ranges(g, "stored", stored);
            ranges(g, "refused", refused);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void ranges(JsonGenerator g, String name, SeqRanges r) throws IOException {
        g.writeArrayFieldStart(name);
        for (SeqRanges.Range range : r) {
            g.writeStartArray();
            g.writeNumber(range.first());
            g.writeNumber(range.last());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /**
     * Reads and checks a receipt; a violation names the field and has a reason code, as telemetry's do. A gateway
     * logs and ignores a receipt it cannot read (the readings are then sent again after the receipt timeout).
     */
    public static Receipt decode(byte[] payload) throws ContractViolation {
        ContractViolation size = ContractViolation.ofSize(payload, MAX_PAYLOAD_BYTES);
        if (size != null) {
            throw size;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw ContractViolation.notJson(e);
        }
        if (root == null || !root.isObject()) {
            throw ContractViolation.notObject();
        }
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isIntegralNumber()) {
            throw new ContractViolation("missing_field", "schema", "required integer field is missing");
        }
        if (schema.asLong() != SCHEMA_VERSION) {
            throw new ContractViolation("unsupported_schema", "schema",
                    "receipt schema " + schema.asText() + " is not supported; this build reads " + SCHEMA_VERSION);
        }
        String station = id(root, "station");
        String gateway = id(root, "gateway");
        JsonNode collector = root.get("collector");
        if (collector == null || !collector.isTextual() || collector.asText().isEmpty()) {
            throw new ContractViolation("missing_field", "collector", "required string field is missing");
        }
        JsonNode ts = root.get("ts");
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
            throw new ContractViolation("missing_field", "ts", "required integer field is missing");
        }
        SeqRanges stored = ranges(root, "stored");
        SeqRanges refused = ranges(root, "refused");
        if (stored.isEmpty() && refused.isEmpty()) {
            throw new ContractViolation("no_readings", "stored", "a receipt names at least one reading, stored or refused");
        }
        for (SeqRanges.Range r : refused) {
            if (stored.count(r.first(), r.last()) > 0) {
                throw new ContractViolation("bad_range", "refused", "readings " + r + " are named stored and refused at once");
            }
        }
        return new Receipt(SCHEMA_VERSION, station, gateway, collector.asText(), ts.asLong(), stored, refused);
    }

    private static String id(JsonNode root, String field) throws ContractViolation {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new ContractViolation("missing_field", field, "required string field is missing");
        }
        if (!Topics.isId(n.asText())) {
            throw new ContractViolation("bad_id", field, "'" + n.asText() + "' must match " + Topics.ID.pattern());
        }
        return n.asText();
    }

    /** [[first, last], ...], ascending, disjoint, each first <= last and >= 0. */
    private static SeqRanges ranges(JsonNode root, String field) throws ContractViolation {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            throw new ContractViolation("missing_field", field, "required array field is missing");
        }
        SeqRanges out = new SeqRanges();
        long previousLast = -1;
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String path = field + "[" + i + "]";
            if (!r.isArray() || r.size() != 2 || !isSeq(r.get(0)) || !isSeq(r.get(1))) {
                throw new ContractViolation("bad_range", path, "must be [first, last]: two sequence numbers >= 0, was " + r);
            }
            long first = r.get(0).asLong();
            long last = r.get(1).asLong();
            if (first > last) {
                throw new ContractViolation("bad_range", path, "first " + first + " is after last " + last);
            }
            if (first <= previousLast) {
                throw new ContractViolation("bad_range", path, "ranges must be ascending and disjoint; " + first
                        + " is not after the previous range's last " + previousLast);
            }
            previousLast = last;
            out.add(first, last);
        }
        return out;
    }

    private static boolean isSeq(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
    }
}
