package org.yangguang.simulator.sunspec;

/**
 * What model 1 (common) says about a device.
 *
 * @param manufacturer Mn, at most 32 ASCII characters
 * @param model        Md, at most 32
 * @param version      Vr, at most 16
 * @param serial       SN, at most 32
 * @param unitId       DA, the Modbus unit id
 */
public record Nameplate(String manufacturer, String model, String version, String serial, int unitId) {

    public static final String MANUFACTURER = "Yangguang Sim";

    public Nameplate {
        requireAscii("Mn", manufacturer, 32);
        requireAscii("Md", model, 32);
        requireAscii("Vr", version, 16);
        requireAscii("SN", serial, 32);
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("DA (unit id) must be within 1..247, got " + unitId);
        }
    }

    private static void requireAscii(String point, String value, int maxChars) {
        if (value == null || value.isEmpty() || value.length() > maxChars || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(point + " must be 1.." + maxChars + " printable ASCII characters, got \"" + value + "\"");
        }
    }
}
