package org.yangguang.gateway.registermap;

import java.util.Locale;

/** Register value types a vendor map may use, with their size in registers (strings and bitfields: given). */
public enum ValueType {
    U16(1), S16(1), U32(2), S32(2), U64(4), S64(4), F32(2), STRING(0), BITFIELD(0);

    private final int registers;

    ValueType(int registers) {
        this.registers = registers;
    }

    public int registers() {
        return registers;
    }

    public static ValueType parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
