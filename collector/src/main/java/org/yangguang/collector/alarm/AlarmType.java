package org.yangguang.collector.alarm;

/** What can be wrong, with a severity an operator sorts by. */
public enum AlarmType {
    DEVICE_OFFLINE("device_offline", "major"),
    GATEWAY_OFFLINE("gateway_offline", "critical"),
    FAULT("fault", "major"),
    VENDOR_EVENT("vendor_event", "minor"),
    ZERO_OUTPUT_DAYLIGHT("zero_output_daylight", "major"),
    UNDERPERFORMING("underperforming", "minor"),
    /** Readings of a gateway missing past the replay window (receipt.GapTracker); the device is the gateway. */
    TELEMETRY_GAP("telemetry_gap", "major");

    private final String code;
    private final String severity;

    AlarmType(String code, String severity) {
        this.code = code;
        this.severity = severity;
    }

    public String code() {
        return code;
    }

    public String severity() {
        return severity;
    }
}
