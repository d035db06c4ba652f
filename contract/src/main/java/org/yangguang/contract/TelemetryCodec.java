package org.yangguang.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON encoding of {@link Telemetry}, schema version 1 (contract/v1/telemetry.schema.json).
 * Decoding checks structure and the canonical units and names the offending field; range and clock-skew
 * checks are policy and belong to the collector.
 */
public final class TelemetryCodec {
    public static final int SCHEMA_VERSION = 1;
    /** Messages larger than this are rejected before parsing: a poll of one device is a few kB. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /**
     * The parser factory of every telemetry reader here (and {@link TelemetryBatch}'s): Jackson's fast double
     * parser gives the same correctly rounded doubles as {@code Double.parseDouble} (the oracle test compares them
     * on every accepted payload) at a fraction of its cost, and a reading is mostly numbers.
     */
    static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private TelemetryCodec() {
    }

    public static byte[] encode(Telemetry t) {
        return TelemetryWriter.write(t);
    }

    /**
     * Reads and checks one message. Streaming (no tree of the document): this runs for every message on the
     * collector's event loop, and building a tree of ~100 nodes was half of its CPU per message. The checks and
     * their order are those of the schema file; {@code TelemetryDecodeOracleTest} holds this to a plain
     * tree-walking reading of the same rules on thousands of mangled payloads.
     */
    public static Telemetry decode(byte[] payload) throws ContractViolation {
        ContractViolation size = ContractViolation.ofSize(payload, MAX_PAYLOAD_BYTES);
        if (size != null) {
            throw size;
        }
        Raw raw = new Raw();
        try (JsonParser p = JSON.createParser(payload)) {
            JsonToken root = p.nextToken();
            if (root != JsonToken.START_OBJECT) {
                // malformed JSON is "not JSON" before "not an object", as for any reader: read the root to its end
                p.finishToken();
                p.skipChildren();
                throw ContractViolation.notObject();
            }
            readTop(p, raw);
        } catch (IOException e) {
            throw ContractViolation.notJson(e);
        }
        return raw.check();
    }

    /**
     * The object the parser stands on ({@code START_OBJECT}), read to its {@code END_OBJECT} and checked as
     * {@link #decode} checks a whole payload: {@link TelemetryBatch#read} decodes a batch's readings in the pass that
     * reads the batch. A violation is thrown only once the object has been read to its end.
     */
    static Telemetry readObject(JsonParser p) throws IOException, ContractViolation {
        Raw raw = new Raw();
        readTop(p, raw);
        return raw.check();
    }

    static final String TS_RULE = "a whole number of epoch milliseconds >= 0";
    static final String SEQ_RULE = "a whole number >= 0 (the gateway's sequence number)";

    /** How a value that is not what a field wants reads in a message: the number as written, a quoted string, ... */
    static String describe(JsonToken token, String text) {
        return switch (token) {
            case VALUE_STRING -> "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> text;
        };
    }

    private static String describe(Scalar s) {
        return describe(s.token(), s.text());
    }

    /** A scalar as read: its token and text (numbers keep theirs for messages and exact conversion). */
    private record Scalar(JsonToken token, String text, JsonParser.NumberType numberType, double number) {
        boolean isText() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isIntegral() {
            return token == JsonToken.VALUE_NUMBER_INT;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** A point as read; {@code object} false when it was not a JSON object. */
    private record RawPoint(boolean object, Scalar value, Scalar unit, Scalar text) {
    }

    /** The document's fields as read; duplicate keys: the last value wins, in the first one's place. */
    private static final class Raw {
        final Map<String, Scalar> fields = new java.util.HashMap<>(32);
        /** null: absent; empty map with pointsIsObject false: present but not an object. */
        Map<String, RawPoint> points;
        boolean pointsIsObject;

        Telemetry check() throws ContractViolation {
            Scalar schema = fields.get("schema");
            if (schema == null || !schema.isIntegral()) {
                throw new ContractViolation("missing_field", "schema", "required integer field is missing");
            }
            if (schema.numberType() != JsonParser.NumberType.INT || Integer.parseInt(schema.text()) != SCHEMA_VERSION) {
                throw new ContractViolation("unsupported_schema", "schema",
                        "schema version " + schema.text() + " is not supported; this build reads " + SCHEMA_VERSION);
            }
            String station = id("station");
            String gateway = id("gateway");
            String device = id("device");
            String kind = text("kind");
            String model = text("model");
            long ts = integer("ts", TS_RULE);
            long seq = integer("seq", SEQ_RULE);
            String statusText = text("status");
            DeviceStatus status = DeviceStatus.fromWire(statusText).orElseThrow(() -> new ContractViolation(
                    "bad_status", "status", "'" + statusText + "' is not one of ok, timeout, modbus_exception, decode_error, offline"));
            Scalar errorField = fields.get("error");
            String error = errorField == null || errorField.isNull() ? null : errorField.text();
            if (points == null || !pointsIsObject) {
                throw new ContractViolation("missing_field", "points", "required object field is missing");
            }
            PointMap.Builder out = new PointMap.Builder(points.size());
            for (Map.Entry<String, RawPoint> e : points.entrySet()) {
                out.put(e.getKey(), point(e.getKey(), e.getValue()));
            }
            if (status == DeviceStatus.OK && out.isEmpty()) {
                throw new ContractViolation("no_points", "points", "status ok requires at least one point");
            }
            return new Telemetry(SCHEMA_VERSION, station, gateway, device, kind, model, ts, seq, status, error, out.build());
        }

        private String text(String field) throws ContractViolation {
            Scalar n = fields.get(field);
            if (n == null || !n.isText() || n.text().isEmpty()) {
                throw new ContractViolation("missing_field", field, "required string field is missing");
            }
            return n.text();
        }

        private String id(String field) throws ContractViolation {
            String s = text(field);
            if (!Topics.isId(s)) {
                throw new ContractViolation("bad_id", field, "'" + s + "' must match " + Topics.ID.pattern());
            }
            return s;
        }

        /**
         * A required whole number >= 0. Absent is {@code missing_field}; present but something else says what was
         * found ({@code bad_value}): "ts: must be a whole number of epoch milliseconds >= 0, was 1.7820144E12" tells a
         * vendor's integrator what to fix, "required integer field is missing" sent them looking for a typo.
         */
        private long integer(String field, String what) throws ContractViolation {
            Scalar n = fields.get(field);
            if (n == null) {
                throw new ContractViolation("missing_field", field, "required integer field is missing");
            }
            long v = n.isIntegral() && n.numberType() != JsonParser.NumberType.BIG_INTEGER ? Long.parseLong(n.text()) : -1;
            if (v < 0) {
                throw new ContractViolation("bad_value", field, "must be " + what + ", was " + describe(n));
            }
            return v;
        }
    }

    private static void readTop(JsonParser p, Raw raw) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (name.equals("points")) {
                raw.pointsIsObject = t == JsonToken.START_OBJECT;
                if (raw.pointsIsObject) {
                    // sized for an inverter's few dozen points without rehashing (a repeated "points" replaces the first)
                    Map<String, RawPoint> points = new LinkedHashMap<>(64);
                    readPoints(p, points);
                    raw.points = points;
                } else {
                    raw.points = Map.of();
                    p.skipChildren();
                }
            } else {
                raw.fields.put(name, scalar(p, t));
            }
        }
    }

    private static void readPoints(JsonParser p, Map<String, RawPoint> points) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                points.put(name, new RawPoint(false, null, null, null));
                continue;
            }
            Scalar value = null;
            Scalar unit = null;
            Scalar text = null;
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                JsonToken ft = p.nextToken();
                switch (f) {
                    case "value" -> value = ft == JsonToken.VALUE_NUMBER_INT || ft == JsonToken.VALUE_NUMBER_FLOAT
                            ? new Scalar(ft, null, null, p.getDoubleValue()) // only the number is ever needed here
                            : scalar(p, ft);
                    case "unit" -> unit = scalar(p, ft);
                    case "text" -> text = scalar(p, ft);
                    default -> p.skipChildren();
                }
            }
            points.put(name, new RawPoint(true, value, unit, text));
        }
    }

    /** A scalar value; objects and arrays are skipped and read as their "text", the empty string. */
    private static Scalar scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(t, p.getText(), p.getNumberType(), p.getDoubleValue());
            case VALUE_STRING, VALUE_TRUE, VALUE_FALSE -> new Scalar(t, p.getText(), null, 0);
            case VALUE_NULL -> new Scalar(t, "", null, 0);
            default -> {
                p.skipChildren();
                yield new Scalar(t, "", null, 0);
            }
        };
    }

    private static PointValue point(String name, RawPoint node) throws ContractViolation {
        // the field path ("points.ac_power.unit") is built only for a violation: this runs for every point
        if (!isPointName(name)) {
            throw new ContractViolation("bad_point_name", "points." + name, "point names are lower_snake_case, at most 64 characters");
        }
        if (!node.object()) {
            throw new ContractViolation("bad_point", "points." + name, "must be an object {value, unit}");
        }
        Scalar value = node.value();
        if (value == null || !value.isNumber()) {
            throw new ContractViolation("bad_value", "points." + name + ".value", "must be a number (absent points are left out, not null)");
        }
        Scalar unit = node.unit();
        if (unit == null || !unit.isText()) {
            throw new ContractViolation("missing_unit", "points." + name + ".unit", "required string field is missing");
        }
        CanonicalPoint canonical = CanonicalPoint.byName(name).orElse(null);
        if (canonical != null && !canonical.unit().equals(unit.text())) {
            throw new ContractViolation("wrong_unit", "points." + name + ".unit",
                    "'" + unit.text() + "' given, " + name + " is always in '" + canonical.unit() + "'");
        }
        Scalar text = node.text();
        double v = value.number();
        if (!Double.isFinite(v)) {
            throw new ContractViolation("bad_value", "points." + name + ".value", "must be finite");
        }
        return new PointValue(v, unit.text(), text == null || text.isNull() ? null : text.text());
    }

    /** [a-z][a-z0-9_]{0,63}, without a regex: it runs for every point of every message. */
    static boolean isPointName(String s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return false;
        }
        char c0 = s.charAt(0);
        if (c0 < 'a' || c0 > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
