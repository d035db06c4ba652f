package org.yangguang.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway's station.yaml written from the registry's entry for its station (GET /api/registry/stations/{code}):
 * station and gateway ids, the broker login, and each link with the ACTIVE devices on it — unit id, kind, SunSpec or
 * the vendor map — in the registry's order. Only what the registry cannot know is asked for: the broker's URL, the
 * password file and the buffer directory. The result is read back through {@code GatewayConfig} before it is used.
 */
public final class StationYaml {
    /** What the registry does not hold: where this box's broker, password and buffer are. */
    public record Local(String mqttUrl, String passwordFile, String bufferDir) {
    }

    private StationYaml() {
    }

    public static String of(JsonNode station, String gateway, Local local) {
        String code = station.path("code").asText();
        List<JsonNode> gateways = new ArrayList<>();
        station.path("gateways").forEach(gateways::add);
        JsonNode gw = pickGateway(code, gateways, gateway);
        String gid = gw.path("code").asText();
        Map<String, List<JsonNode>> links = new LinkedHashMap<>();
        for (JsonNode d : station.path("devices")) {
            String served = d.path("gateway").isNull() ? null : d.path("gateway").asText(null);
            if (served != null && !served.equals(gid)) {
                continue; // another gateway of a large station reads it
            }
            links.computeIfAbsent(linkYaml(d.path("link")), k -> new ArrayList<>()).add(d);
        }
        if (links.isEmpty()) {
            throw new IllegalArgumentException("station " + code + " has no ACTIVE device for gateway " + gid
                    + " in the registry: confirm the scanned devices first (POST .../devices/{device}/confirm)");
        }
        StringBuilder y = new StringBuilder();
        y.append("# station.yaml of gateway ").append(gid).append(", written by `gateway config` from the registry of ")
                .append("record.\n# Change devices in the registry and write it again; local settings are the options "
                        + "given to the command.\n");
        y.append("station: ").append(code).append('\n');
        y.append("gateway: ").append(gid).append('\n');
        y.append("mqtt:\n");
        y.append("  url: ").append(quote(local.mqttUrl())).append('\n');
        y.append("  clientId: ").append(gid).append('\n');
        y.append("  username: ").append(quote(gw.path("brokerUser").asText(gid))).append('\n');
        y.append("  passwordFile: ").append(quote(local.passwordFile())).append('\n');
        y.append("buffer:\n  dir: ").append(quote(local.bufferDir())).append('\n');
        y.append("links:\n");
        for (Map.Entry<String, List<JsonNode>> l : links.entrySet()) {
            y.append("  - ").append(l.getKey()).append('\n');
            y.append("    devices:\n");
            for (JsonNode d : l.getValue()) {
                y.append("      - {id: ").append(d.path("code").asText()).append(", unit: ").append(d.path("unit").asInt())
                        .append(", kind: ").append(d.path("kind").asText("inverter"));
                String map = d.path("registerMap").isNull() ? null : d.path("registerMap").asText(null);
                y.append(map == null ? ", sunspec: true}" : ", map: " + map + "}");
                String plate = nameplate(d);
                if (!plate.isEmpty()) {
                    y.append("   # ").append(plate);
                }
                y.append('\n');
            }
        }
        return y.toString();
    }

    private static JsonNode pickGateway(String station, List<JsonNode> gateways, String wanted) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("station " + station + " has no gateway in the registry: register one "
                    + "(POST /api/registry/stations/" + station + "/gateways)");
        }
        if (wanted == null) {
            if (gateways.size() > 1) {
                throw new IllegalArgumentException("station " + station + " has " + gateways.size() + " gateways; say "
                        + "which with --gateway (" + gateways.stream().map(g -> g.path("code").asText()).toList() + ")");
            }
            return gateways.get(0);
        }
        return gateways.stream().filter(g -> wanted.equals(g.path("code").asText())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("gateway " + wanted + " does not serve station " + station));
    }

    /** The link's line as {@code ConfigReader} reads it. */
    static String linkYaml(JsonNode link) {
        if (link.hasNonNull("host")) {
            return "tcp: {host: " + quote(link.get("host").asText()) + ", port: " + link.path("port").asInt(502) + "}";
        }
        StringBuilder s = new StringBuilder("rtu: {port: " + quote(link.path("serialPort").asText()));
        if (link.hasNonNull("baud")) {
            s.append(", baud: ").append(link.get("baud").asInt());
        }
        if (link.hasNonNull("parity")) {
            s.append(", parity: ").append(link.get("parity").asText());
        }
        if (link.hasNonNull("stopBits")) {
            s.append(", stopBits: ").append(link.get("stopBits").asInt());
        }
        return s.append('}').toString();
    }

    private static String nameplate(JsonNode d) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("make", "model", "serial", "firmware")) {
            if (d.hasNonNull(k)) {
                parts.add(k.equals("serial") ? "SN " + d.get(k).asText() : k.equals("firmware") ? "fw " + d.get(k).asText()
                        : d.get(k).asText());
            }
        }
        if (d.hasNonNull("capacityKwp")) {
            parts.add(d.get("capacityKwp").asText() + " kWp");
        }
        return String.join(" ", parts).replace('\n', ' ');
    }

    /** Single-quoted YAML scalar: nothing in it is read as YAML syntax. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
