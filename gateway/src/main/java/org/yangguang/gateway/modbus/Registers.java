package org.yangguang.gateway.modbus;

import java.nio.charset.StandardCharsets;

/** Register helpers shared by SunSpec and vendor-map decoding. */
public final class Registers {
    private Registers() {
    }

    /** Two bytes per register, high byte first, NUL-padded (SunSpec strings, Huawei model names); trimmed. */
    public static String string(int[] regs, int offset, int size) {
        byte[] b = new byte[size * 2];
        for (int i = 0; i < size; i++) {
            b[2 * i] = (byte) (regs[offset + i] >> 8);
            b[2 * i + 1] = (byte) regs[offset + i];
        }
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8).trim();
    }
}
