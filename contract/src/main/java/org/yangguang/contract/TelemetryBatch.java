package org.yangguang.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Schema 2: several readings of one device in one message, on {@code yangguang/v2/telemetry/{station}/{device}}
 * (docs/mqtt-contract.md). Each reading is a complete schema-1 telemetry object, byte for byte what the gateway
 * stored in its disk buffer, so a batch is built by concatenation and each reading is checked, stored or
 * dead-lettered on its own by the collector.
 *
 * <pre>{"schema":2,"readings":[{...schema 1...},{...}]}</pre>
 *
 * <p>Why batches: a QoS 1 message costs the gateway's MQTT client, the broker and the collector a fixed amount
 * each (threads woken, a PUBACK each way), which was the larger part of the gateway's cost per reading on a fast
 * bus, and a replay after a days-long outage moves hundreds of thousands of readings over a 4G link.
 */
public final class TelemetryBatch {
    public static final int SCHEMA_VERSION = 2;
    /** Larger messages are rejected before parsing; the gateway cuts its batches well below this. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private static final byte[] HEAD = "{\"schema\":2,\"readings\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private TelemetryBatch() {
    }

    /** The message carrying {@code readings} (each an encoded schema-1 telemetry object), in their order. */
    public static byte[] encode(List<byte[]> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one reading");
        }
        int len = HEAD.length + TAIL.length + readings.size() - 1;
        for (byte[] r : readings) {
            len += r.length;
        }
        byte[] out = new byte[len];
        System.arraycopy(HEAD, 0, out, 0, HEAD.length);
        int pos = HEAD.length;
        for (int i = 0; i < readings.size(); i++) {
            if (i > 0) {
                out[pos++] = ',';
            }
            byte[] r = readings.get(i);
            System.arraycopy(r, 0, out, pos, r.length);
            pos += r.length;
        }
        System.arraycopy(TAIL, 0, out, pos, TAIL.length);
        return out;
    }

    /** The encoded size of a batch of readings of these sizes, for cutting batches below a limit. */
    public static int overhead(int readings) {
        return HEAD.length + TAIL.length + Math.max(0, readings - 1);
    }

    /** One reading of a batch as {@link #read} found it: decoded, or why not, never both. */
    public record Reading(byte[] batch, int offset, int length, Telemetry telemetry, ContractViolation violation) {
        /** The reading's own bytes, as the gateway stored them (for a dead letter). */
        public byte[] bytes() {
            return Arrays.copyOfRange(batch, offset, offset + length);
        }
    }

    /**
     * Checks the envelope and returns each reading's bytes, to be decoded with {@link TelemetryCodec#decode} one
     * by one: a bad reading is that reading's problem, not the batch's. An element that is not an object is
     * returned as it is, so its decoding says {@code not_object} for it alone.
     *
     * @throws ContractViolation when the message itself is unusable: {@code empty}, {@code too_large},
     *                           {@code not_json}, {@code not_object}, {@code unsupported_schema},
     *                           {@code missing_field} (no {@code readings} array) or {@code no_readings}
     */
    public static List<byte[]> split(byte[] payload) throws ContractViolation {
        return parse(payload, false).stream().map(Reading::bytes).toList();
    }

    /**
     * A message as the collector reads it: on a v2 topic the batch ({@link #read(byte[])}), on a v1 topic its one
     * reading decoded by {@link TelemetryCodec#decode}; a violation of that one reading is in the result, not thrown.
     *
     * @throws ContractViolation when a v2 message itself is unusable (see {@link #split})
     */
    public static List<Reading> read(String topic, byte[] payload) throws ContractViolation {
        if (Topics.isBatch(topic)) {
            return read(payload);
        }
        Telemetry t = null;
        ContractViolation violation = null;
        try {
            t = TelemetryCodec.decode(payload);
        } catch (ContractViolation v) {
            violation = v;
        } catch (RuntimeException e) {
            violation = ContractViolation.unreadable(e);
        }
        return List.of(new Reading(payload, 0, payload == null ? 0 : payload.length, t, violation));
    }

    /**
     * Checks the envelope and decodes every reading in the same pass, each exactly as {@link TelemetryCodec#decode}
     * decodes its bytes alone ({@code TelemetryDecodeOracleTest}): the collector reads each batch once instead of
     * once to split it and again per reading (a sixth of its event loop, JFR).
     *
     * @throws ContractViolation as {@link #split} does, when the message itself is unusable
     */
    public static List<Reading> read(byte[] payload) throws ContractViolation {
        return parse(payload, true);
    }

    private static List<Reading> parse(byte[] payload, boolean decode) throws ContractViolation {
        ContractViolation size = ContractViolation.ofSize(payload, MAX_PAYLOAD_BYTES);
        if (size != null) {
            throw size;
        }
        List<Reading> readings = null;
        boolean schemaSeen = false;
        try (JsonParser p = TelemetryCodec.JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                while (p.nextToken() != null) {
                    // read to the end: malformed JSON is "not JSON" before "not an object"
                }
                throw ContractViolation.notObject();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("schema".equals(name)) {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != SCHEMA_VERSION) {
                        throw new ContractViolation("unsupported_schema", "schema",
                                "schema must be " + SCHEMA_VERSION + " on a v2 topic, was " + p.getText());
                    }
                    schemaSeen = true;
                } else if ("readings".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new ContractViolation("missing_field", "readings", "readings must be an array");
                    }
                    readings = elements(p, payload, decode);
                } else {
                    p.skipChildren(); // fields a later minor version may add
                }
            }
            if (p.nextToken() != null) {
                throw new ContractViolation("not_json", null, "content after the end of the object");
            }
        } catch (IOException e) {
            throw ContractViolation.notJson(e);
        }
        if (!schemaSeen) {
            throw new ContractViolation("missing_field", "schema", "schema is required");
        }
        if (readings == null) {
            throw new ContractViolation("missing_field", "readings", "readings is required");
        }
        if (readings.isEmpty()) {
            throw new ContractViolation("no_readings", "readings", "a batch must carry at least one reading");
        }
        return readings;
    }

    /**
     * The array's elements with their byte spans, decoded when asked; the parser stands on the array's start and
     * ends on its end. A JSON error inside an element is the whole message's (its end cannot be found).
     */
    private static List<Reading> elements(JsonParser p, byte[] payload, boolean decode) throws IOException {
        List<Reading> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in readings");
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            Telemetry telemetry = null;
            ContractViolation violation = null;
            if (decode && t == JsonToken.START_OBJECT) {
                try {
                    telemetry = TelemetryCodec.readObject(p);
                } catch (ContractViolation v) {
                    violation = v; // the object was read to its end: the next element follows
                } catch (RuntimeException e) {
                    violation = ContractViolation.unreadable(e);
                }
            } else {
                p.skipChildren();
                if (decode) {
                    violation = ContractViolation.notObject();
                }
            }
            int end = (int) p.currentLocation().getByteOffset();
            if (t == JsonToken.VALUE_STRING) {
                end = start + 1 + quotedLength(payload, start + 1);
            }
            ContractViolation tooLarge = decode ? ContractViolation.ofLength(end - start, TelemetryCodec.MAX_PAYLOAD_BYTES) : null;
            if (tooLarge != null) {
                telemetry = null; // as decode says of a reading that large, before anything else
                violation = tooLarge;
            }
            out.add(new Reading(payload, start, end - start, telemetry, violation));
        }
        return out;
    }

    /** Bytes of a JSON string's body up to and including its closing quote (strings end lazily in Jackson). */
    private static int quotedLength(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != '"') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i + 1 - from;
    }
}
