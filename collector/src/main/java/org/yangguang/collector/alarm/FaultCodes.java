package org.yangguang.collector.alarm;

import java.util.Map;

/**
 * Vendor fault/alarm codes the collector can name when the gateway did not (older gateways send only the number).
 * Huawei SUN2000 alarm IDs from the SUN2000 Modbus interface definition; Sungrow SG fault codes from the Sungrow
 * communication protocol. The gateway's own text always wins.
 */
public final class FaultCodes {
    private static final Map<String, Map<Integer, String>> BY_VENDOR = Map.of(
            "huawei", Map.of(
                    2001, "High String Input Voltage",
                    2011, "String Reverse Connection",
                    2031, "Abnormal Phase Wire Short-Circuited to PE",
                    2032, "Grid Loss",
                    2033, "Grid Undervoltage",
                    2034, "Grid Overvoltage",
                    2051, "Abnormal Residual Current",
                    2061, "Abnormal Grounding",
                    2062, "Low Insulation Resistance",
                    2063, "Overtemperature"),
            "sungrow", Map.of(
                    2, "Grid overvoltage",
                    3, "Grid transient overvoltage",
                    4, "Grid undervoltage",
                    8, "Grid overfrequency",
                    9, "Grid underfrequency",
                    10, "Grid power outage",
                    12, "Excess leakage current",
                    14, "10-minute grid overvoltage",
                    37, "Excessively high ambient temperature",
                    39, "Low system insulation resistance"));

    private FaultCodes() {
    }

    /** The fault as an alarm detail: the number and, when known, the gateway's or the vendor table's name. */
    static AlarmDetail detail(String model, int code, String gatewayText) {
        String vendor = model == null ? "" : model.split("[:/]")[0].toLowerCase(java.util.Locale.ROOT);
        String name = gatewayText != null && !gatewayText.isBlank() ? gatewayText
                : BY_VENDOR.getOrDefault(vendor, Map.of()).get(code);
        return AlarmDetail.fault(code, name, describe(model, code, gatewayText));
    }

    /** A name for the code: the gateway's text, else the vendor table (vendor from the model, e.g. "huawei:sun2000"), else the number. */
    public static String describe(String model, int code, String gatewayText) {
        if (gatewayText != null && !gatewayText.isBlank()) {
            return gatewayText + " (code " + code + ")";
        }
        String vendor = model == null ? "" : model.split("[:/]")[0].toLowerCase(java.util.Locale.ROOT);
        String name = BY_VENDOR.getOrDefault(vendor, Map.of()).get(code);
        return name != null ? name + " (code " + code + ")" : "fault code " + code + " (not in the " + (vendor.isEmpty() ? "vendor" : vendor) + " table)";
    }
}
