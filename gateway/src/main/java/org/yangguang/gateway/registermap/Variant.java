package org.yangguang.gateway.registermap;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Points a map reads only on devices whose nameplate says so: "register X decides how Y is read" (Sungrow's output
 * type decides whether 5019-5021 are phase or line voltages) and per-model variants (an SG110CX has nine MPPT
 * inputs, an SG33CX three). A variant's point replaces a base point of the same name (CX models count energy in
 * 0.1 kWh at 5144 besides the whole kWh at 5004) or adds one.
 *
 * @param when  nameplate field → accepted values; every field must match one of its values (a field the device
 *              did not answer matches nothing). A value matches the field's enum name or its raw number, or, for
 *              text fields, the text, where {@code *} stands for any characters.
 * @param line  where the variant starts in the map file, for messages
 */
public record Variant(Map<String, List<String>> when, List<MapPoint> points, int line) {

    public boolean matches(MapIdentity id) {
        for (Map.Entry<String, List<String>> c : when.entrySet()) {
            if (c.getValue().stream().noneMatch(v -> id.matches(c.getKey(), v))) {
                return false;
            }
        }
        return true;
    }

    /** {@code *} as "any characters", everything else literally. */
    static boolean glob(String pattern, String text) {
        if (!pattern.contains("*")) {
            return pattern.equals(text);
        }
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            re.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
