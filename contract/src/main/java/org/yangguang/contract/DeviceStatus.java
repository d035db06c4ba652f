package org.yangguang.contract;

import java.util.Arrays;
import java.util.Optional;

/** How the last poll of a device went; travels with every telemetry message. */
public enum DeviceStatus {
    /** Read and decoded; points are present. */
    OK("ok"),
    /** The device did not answer within the link timeout (after retries). */
    TIMEOUT("timeout"),
    /** The device answered with a Modbus exception; the error names its code. */
    MODBUS_EXCEPTION("modbus_exception"),
    /** Registers were read but could not be decoded (bad map, missing SunSpec model, sentinel scale factor). */
    DECODE_ERROR("decode_error"),
    /** The device has failed long enough that the gateway backs off and polls it less often. */
    OFFLINE("offline");

    private final String wire;

    DeviceStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DeviceStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }
}
