package org.yangguang.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device's retained status on {@link Topics#device(String, String)}: who it is. The gateway publishes it when
 * it identifies a device whose nameplate it has not published yet (first discovery, a swap, a firmware upgrade)
 * and again on every connect (retained, so a collector that starts later still learns it).
 *
 * @param model payload model id, as in the device's telemetry ("sunspec:103", "huawei:sun2000")
 * @param ts    poll time (epoch ms) at which the gateway first read this nameplate, kept across gateway restarts:
 *              the device's readings from {@code ts} on come from the unit it names. A swap happens at this time.
 */
public record DeviceNameplate(int schema, String station, String gateway, String device, String kind, String model,
                              long ts, Nameplate nameplate) {
    public static final int SCHEMA_VERSION = 1;
    /** Far larger than any nameplate; a bigger message is not one. */
    public static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DeviceNameplate {
        Topics.requireId("station", station);
        Topics.requireId("gateway", gateway);
        Topics.requireId("device", device);
        if (kind == null || kind.isEmpty() || model == null || model.isEmpty()) {
            throw new IllegalArgumentException("kind and model are required");
        }
        if (ts < 0) {
            throw new IllegalArgumentException("ts must not be negative, was " + ts);
        }
        nameplate = nameplate == null ? Nameplate.empty() : nameplate;
    }

    public static DeviceNameplate of(String station, String gateway, String device, String kind, String model, long ts,
                                     Nameplate nameplate) {
        return new DeviceNameplate(SCHEMA_VERSION, station, gateway, device, kind, model, ts, nameplate);
    }

    public byte[] encode() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", schema).put("station", station).put("gateway", gateway).put("device", device)
                .put("kind", kind).put("model", model).put("ts", ts);
        ObjectNode np = n.putObject("nameplate");
        nameplate.fields().forEach(np::put);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads and checks a message from {@code topic}: the topic's station and device must be the payload's. Every
     * problem is a {@link ContractViolation} naming the field, with the reason codes of telemetry.
     */
    public static DeviceNameplate decode(String topic, byte[] payload) throws ContractViolation {
        ContractViolation size = ContractViolation.ofSize(payload, MAX_BYTES);
        if (size != null) {
            throw size;
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw ContractViolation.notJson(e);
        }
        if (n == null || !n.isObject()) {
            throw ContractViolation.notObject();
        }
        JsonNode schema = require(n, "schema");
        if (!schema.isInt() || schema.intValue() != SCHEMA_VERSION) {
            throw new ContractViolation("unsupported_schema", "schema", "nameplate schema " + schema + " is not "
                    + SCHEMA_VERSION);
        }
        String station = id(n, "station");
        String gateway = id(n, "gateway");
        String device = id(n, "device");
        String kind = text(n, "kind");
        String model = text(n, "model");
        JsonNode ts = require(n, "ts");
        if (!ts.canConvertToLong() || !ts.isIntegralNumber() || ts.longValue() < 0) {
            throw new ContractViolation("bad_value", "ts", "must be epoch milliseconds, was " + ts);
        }
        JsonNode np = require(n, "nameplate");
        if (!np.isObject()) {
            throw new ContractViolation("bad_value", "nameplate", "must be an object of texts");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = np.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new ContractViolation("bad_value", "nameplate." + f.getKey(), "must be a text");
            }
            String problem = Nameplate.problem(f.getKey(), f.getValue().textValue());
            if (problem != null) {
                throw new ContractViolation("bad_value", "nameplate." + f.getKey(), problem);
            }
            fields.put(f.getKey(), f.getValue().textValue());
        }
        Topics.Address at = Topics.parseDevice(topic).orElseThrow(() -> new ContractViolation("topic_mismatch", null,
                "'" + topic + "' is not a device topic (" + Topics.DEVICE_FILTER + ")"));
        if (!at.station().equals(station) || !at.device().equals(device)) {
            throw new ContractViolation("topic_mismatch", null, "topic " + topic + " names " + at.station() + "/"
                    + at.device() + ", the payload " + station + "/" + device);
        }
        return new DeviceNameplate(SCHEMA_VERSION, station, gateway, device, kind, model, ts.longValue(),
                new Nameplate(fields));
    }

    private static JsonNode require(JsonNode n, String field) throws ContractViolation {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ContractViolation("missing_field", field, "required");
        }
        return v;
    }

    private static String text(JsonNode n, String field) throws ContractViolation {
        JsonNode v = require(n, field);
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new ContractViolation("bad_value", field, "must be a non-empty text");
        }
        return v.textValue();
    }

    private static String id(JsonNode n, String field) throws ContractViolation {
        String v = text(n, field);
        if (!Topics.isId(v)) {
            throw new ContractViolation("bad_id", field, "'" + v + "' must match " + Topics.ID.pattern());
        }
        return v;
    }
}
