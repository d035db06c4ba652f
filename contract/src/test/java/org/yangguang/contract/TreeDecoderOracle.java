package org.yangguang.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.yangguang.contract.TelemetryCodec.MAX_PAYLOAD_BYTES;
import static org.yangguang.contract.TelemetryCodec.SCHEMA_VERSION;

/**
 * The contract's rules read the plainest way, over a tree of the whole document: the reference the streaming
 * {@link TelemetryCodec#decode} is held to (it was the production reader until the collector's benchmark showed
 * the tree to be half of its CPU per message).
 */
final class TreeDecoderOracle {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern POINT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private TreeDecoderOracle() {
    }

    static Telemetry decode(byte[] payload) throws ContractViolation {
        if (payload == null || payload.length == 0) {
            throw new ContractViolation("empty", null, "empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ContractViolation("too_large", null,
                    "payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("not_json", null, "not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ContractViolation("not_json", null, "unreadable payload: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ContractViolation("not_object", null, "payload must be a JSON object");
        }
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isIntegralNumber()) {
            throw new ContractViolation("missing_field", "schema", "required integer field is missing");
        }
        if (schema.intValue() != SCHEMA_VERSION) {
            throw new ContractViolation("unsupported_schema", "schema",
                    "schema version " + schema.asText() + " is not supported; this build reads " + SCHEMA_VERSION);
        }
        String station = id(root, "station");
        String gateway = id(root, "gateway");
        String device = id(root, "device");
        String kind = text(root, "kind");
        String model = text(root, "model");
        long ts = integer(root, "ts");
        long seq = integer(root, "seq");
        String statusText = text(root, "status");
        DeviceStatus status = DeviceStatus.fromWire(statusText).orElseThrow(() -> new ContractViolation(
                "bad_status", "status", "'" + statusText + "' is not one of ok, timeout, modbus_exception, decode_error, offline"));
        JsonNode errorNode = root.get("error");
        String error = errorNode == null || errorNode.isNull() ? null : errorNode.asText();
        JsonNode pointsNode = root.get("points");
        if (pointsNode == null || !pointsNode.isObject()) {
            throw new ContractViolation("missing_field", "points", "required object field is missing");
        }
        Map<String, PointValue> points = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pointsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            points.put(e.getKey(), point(e.getKey(), e.getValue()));
        }
        if (status == DeviceStatus.OK && points.isEmpty()) {
            throw new ContractViolation("no_points", "points", "status ok requires at least one point");
        }
        return new Telemetry(SCHEMA_VERSION, station, gateway, device, kind, model, ts, seq, status, error, points);
    }

    private static PointValue point(String name, JsonNode node) throws ContractViolation {
        String path = "points." + name;
        if (!POINT_NAME.matcher(name).matches()) {
            throw new ContractViolation("bad_point_name", path, "point names are lower_snake_case, at most 64 characters");
        }
        if (!node.isObject()) {
            throw new ContractViolation("bad_point", path, "must be an object {value, unit}");
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber()) {
            throw new ContractViolation("bad_value", path + ".value", "must be a number (absent points are left out, not null)");
        }
        JsonNode unit = node.get("unit");
        if (unit == null || !unit.isTextual()) {
            throw new ContractViolation("missing_unit", path + ".unit", "required string field is missing");
        }
        CanonicalPoint canonical = CanonicalPoint.byName(name).orElse(null);
        if (canonical != null && !canonical.unit().equals(unit.asText())) {
            throw new ContractViolation("wrong_unit", path + ".unit",
                    "'" + unit.asText() + "' given, " + name + " is always in '" + canonical.unit() + "'");
        }
        JsonNode text = node.get("text");
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            throw new ContractViolation("bad_value", path + ".value", "must be finite");
        }
        return new PointValue(v, unit.asText(), text == null || text.isNull() ? null : text.asText());
    }

    private static String text(JsonNode root, String field) throws ContractViolation {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new ContractViolation("missing_field", field, "required string field is missing");
        }
        return n.asText();
    }

    private static String id(JsonNode root, String field) throws ContractViolation {
        String s = text(root, field);
        if (!Topics.ID.matcher(s).matches()) {
            throw new ContractViolation("bad_id", field, "'" + s + "' must match " + Topics.ID.pattern());
        }
        return s;
    }

    private static long integer(JsonNode root, String field) throws ContractViolation {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new ContractViolation("missing_field", field, "required integer field is missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new ContractViolation("bad_value", field, "must be a whole number >= 0, was " + n);
        }
        return n.longValue();
    }
}
