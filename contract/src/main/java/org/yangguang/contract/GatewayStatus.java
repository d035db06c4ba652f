package org.yangguang.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Retained message on {@link Topics#status(String, String)}: "online" when the gateway connects, "offline" as
 * its last will (sent by the broker when the link dies) or on a clean shutdown.
 *
 * @param buffered readings waiting in the disk buffer (-1 in a last will, which is written before they are known)
 * @param dropped  readings dropped by the buffer quota since the gateway started
 */
public record GatewayStatus(int schema, String station, String gateway, String state, long ts,
                            long buffered, long dropped) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static GatewayStatus online(String station, String gateway, long ts, long buffered, long dropped) {
        return new GatewayStatus(TelemetryCodec.SCHEMA_VERSION, station, gateway, "online", ts, buffered, dropped);
    }

    public static GatewayStatus offline(String station, String gateway, long ts) {
        return new GatewayStatus(TelemetryCodec.SCHEMA_VERSION, station, gateway, "offline", ts, -1, -1);
    }

    public boolean isOnline() {
        return "online".equals(state);
    }

    public byte[] encode() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", schema).put("station", station).put("gateway", gateway).put("state", state)
                .put("ts", ts).put("buffered", buffered).put("dropped", dropped);
        return n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static GatewayStatus decode(byte[] payload) throws ContractViolation {
        try {
            JsonNode n = MAPPER.readTree(payload);
            if (n == null || !n.isObject()) {
                throw new ContractViolation("not_object", null, "status payload must be a JSON object");
            }
            String state = n.path("state").asText();
            if (!state.equals("online") && !state.equals("offline")) {
                throw new ContractViolation("bad_state", "state", "'" + state + "' is not online or offline");
            }
            return new GatewayStatus(n.path("schema").asInt(), n.path("station").asText(), n.path("gateway").asText(),
                    state, n.path("ts").asLong(), n.path("buffered").asLong(-1), n.path("dropped").asLong(-1));
        } catch (IOException e) {
            throw new ContractViolation("not_json", null, "status payload is not JSON: " + e.getMessage());
        }
    }
}
