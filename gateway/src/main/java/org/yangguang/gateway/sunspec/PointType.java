package org.yangguang.gateway.sunspec;

import java.util.Locale;

/**
 * SunSpec point types with their size in registers. Each type has its own "not implemented" sentinel
 * (SunSpec Information Model Reference, table "Unimplemented values"); decoding a sentinel yields an absent
 * value, never 0.
 */
public enum PointType {
    INT16(1), UINT16(1), COUNT(1), ACC16(1), ENUM16(1), BITFIELD16(1), SUNSSF(1), PAD(1),
    INT32(2), UINT32(2), ACC32(2), ENUM32(2), BITFIELD32(2), FLOAT32(2), IPADDR(2),
    INT64(4), UINT64(4), ACC64(4), FLOAT64(4), EUI48(4), IPV6ADDR(8),
    STRING(0);

    private final int registers;

    PointType(int registers) {
        this.registers = registers;
    }

    /** Fixed register count, or 0 when the model gives the size (strings). */
    public int registers() {
        return registers;
    }

    public boolean isNumeric() {
        return this != STRING && this != PAD && this != IPADDR && this != IPV6ADDR && this != EUI48;
    }

    public static PointType of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
