package org.yangguang.distribution.demo;

import org.yangguang.distribution.registry.DeviceLink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each demo station's devices answer Modbus TCP: {@code yangguang.demo.station-links=code=host:port,...}. The
 * launcher chooses the simulators' ports per run, so the link is the one thing of a device county.yaml cannot spell;
 * a station not named gets the placeholder 127.0.0.1:502 (a real inverter's port). A typo names the setting and the
 * entry rather than seeding a station nobody polls.
 */
public final class DemoStationLinks {
    static final String SETTING = "yangguang.demo.station-links";
    static final DeviceLink PLACEHOLDER = new DeviceLink("127.0.0.1", 502, null, null, null, null);

    private final Map<String, DeviceLink> links;

    private DemoStationLinks(Map<String, DeviceLink> links) {
        this.links = Map.copyOf(links);
    }

    /** Parses the setting against the county's station codes; blank means every station gets the placeholder. */
    public static DemoStationLinks parse(String setting, Set<String> stations) {
        Map<String, DeviceLink> out = new LinkedHashMap<>();
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",")) {
                String e = entry.strip();
                int eq = e.indexOf('=');
                int colon = e.lastIndexOf(':');
                if (eq <= 0 || colon < eq + 2 || colon == e.length() - 1) {
                    throw new IllegalStateException(SETTING + ": '" + e + "' is not station=host:port");
                }
                String code = e.substring(0, eq).strip();
                if (!stations.contains(code)) {
                    throw new IllegalStateException(SETTING + ": '" + e + "' names no station of the demo county "
                            + stations);
                }
                int port;
                try {
                    port = Integer.parseInt(e.substring(colon + 1).strip());
                } catch (NumberFormatException ex) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalStateException(SETTING + ": '" + e + "' has no port 1..65535");
                }
                if (out.put(code, new DeviceLink(e.substring(eq + 1, colon).strip(), port, null, null, null, null))
                        != null) {
                    throw new IllegalStateException(SETTING + ": station " + code + " is named twice");
                }
            }
        }
        return new DemoStationLinks(out);
    }

    public DeviceLink of(String station) {
        return links.getOrDefault(station, PLACEHOLDER);
    }
}
