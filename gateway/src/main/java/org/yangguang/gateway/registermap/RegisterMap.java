package org.yangguang.gateway.registermap;

import java.util.List;

/**
 * A vendor register map loaded from YAML (see gateway/README.md, "Vendor register maps").
 *
 * @param model          payload model id, e.g. "huawei:sun2000"
 * @param maxRegisters   largest request the device accepts (Huawei: 64)
 * @param maxGap         largest run of unused registers read to join two requests (Huawei: 16)
 * @param identity       string registers that identify the device (used by scan), may be null
 * @param identityPrefix what the identity string starts with for this family, may be null
 */
public record RegisterMap(String name, String model, String kind, String description, int maxRegisters, int maxGap,
                          List<MapPoint> points, MapPoint identity, String identityPrefix, String source) {
}
