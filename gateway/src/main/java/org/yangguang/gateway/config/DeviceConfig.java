package org.yangguang.gateway.config;

import org.yangguang.contract.Topics;

/**
 * One device behind a link.
 *
 * @param kind "inverter", "meter", ... (travels in the payload)
 * @param map  vendor register map: a shipped name (huawei-sun2000), a NAME.yaml in a map directory, or a file
 *             path; null means SunSpec discovery
 */
public record DeviceConfig(String id, int unit, String kind, String map) {
    public DeviceConfig {
        if (!Topics.isId(id)) {
            throw new ConfigException("device id '" + id + "' must match " + Topics.ID.pattern());
        }
        if (unit < 0 || unit > 255) {
            throw new ConfigException("device " + id + ": unit must be 0..255, was " + unit);
        }
    }

    public static DeviceConfig sunspec(String id, int unit, String kind) {
        return new DeviceConfig(id, unit, kind, null);
    }

    public boolean isSunSpec() {
        return map == null;
    }
}
