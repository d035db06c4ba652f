package org.yangguang.gateway.registermap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor register map loaded from YAML (see gateway/README.md, "Vendor register maps").
 *
 * @param model          payload model id, e.g. "huawei:sun2000"
 * @param maxRegisters   largest request the device accepts (Huawei: 64)
 * @param maxGap         largest run of unused registers read to join two requests (Huawei: 16)
 * @param points         points every device of the map is read for, in publishing order
 * @param identity       string registers that identify the device (used by scan), may be null
 * @param identityPrefix what the identity string starts with for this family, may be null
 * @param nameplate      what identification reads (fixed texts and identity registers), in publishing order
 * @param variants       points read only on devices whose nameplate matches, in map order
 */
public record RegisterMap(String name, String model, String kind, String description, int maxRegisters, int maxGap,
                          List<MapPoint> points, MapPoint identity, String identityPrefix, String source,
                          List<NameplateField> nameplate, List<Variant> variants) {

    /**
     * The points to read on a device identified as {@code id}: the base points, each replaced in place by a
     * matching variant's point of the same name, then the variants' new points in map order.
     */
    public List<MapPoint> points(MapIdentity id) {
        if (variants.isEmpty()) {
            return points;
        }
        Map<String, MapPoint> out = new LinkedHashMap<>();
        points.forEach(p -> out.put(p.name(), p));
        for (Variant v : variants) {
            if (v.matches(id)) {
                v.points().forEach(p -> out.put(p.name(), p));
            }
        }
        return List.copyOf(new ArrayList<>(out.values()));
    }

    /** The nameplate fields read from registers (fixed texts need no read). */
    public List<MapPoint> nameplatePoints() {
        return nameplate.stream().filter(NameplateField::isRead).map(NameplateField::point).toList();
    }
}
