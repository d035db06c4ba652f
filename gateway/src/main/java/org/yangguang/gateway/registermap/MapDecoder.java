package org.yangguang.gateway.registermap;

import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.modbus.Registers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.StringJoiner;

/** Decodes one {@link MapPoint} from the registers of the request that read it. */
public final class MapDecoder {
    private MapDecoder() {
    }

    /** The point's value, or null when the raw value is one of its "invalid" markers (or NaN). */
    public static PointValue decode(MapPoint p, int[] regs, int offset) {
        long raw = raw(p, regs, offset);
        if (p.invalid().contains(raw)) {
            return null;
        }
        BigDecimal number = switch (p.type()) {
            case U16, U32, BITFIELD -> BigDecimal.valueOf(raw);
            case S16 -> BigDecimal.valueOf((short) raw);
            case S32 -> BigDecimal.valueOf((int) raw);
            case S64 -> BigDecimal.valueOf(raw);
            case U64 -> new BigDecimal(new BigInteger(Long.toUnsignedString(raw)));
            case F32 -> {
                float f = Float.intBitsToFloat((int) raw);
                yield Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
            }
            case STRING -> throw new IllegalArgumentException("strings are not point values");
        };
        if (number == null) {
            return null;
        }
        String text = null;
        if (!p.enumValues().isEmpty()) {
            text = p.enumValues().getOrDefault(raw, String.format("UNKNOWN_0x%04X", raw));
        } else if (!p.bits().isEmpty()) {
            StringJoiner j = new StringJoiner("|");
            for (Map.Entry<Integer, String> e : p.bits().entrySet()) {
                if ((raw & (1L << e.getKey())) != 0) {
                    j.add(e.getValue());
                }
            }
            text = j.length() == 0 ? null : j.toString();
        }
        return new PointValue(number.multiply(p.factor()).doubleValue(), p.unit(), text);
    }

    /** The registers of a numeric point as one number, in the point's word and byte order. */
    static long raw(MapPoint p, int[] regs, int offset) {
        long raw = 0;
        for (int i = 0; i < p.size(); i++) {
            int w = regs[offset + (p.wordBig() ? i : p.size() - 1 - i)];
            raw = (raw << 16) | (p.byteBig() ? w : ((w & 0xFF) << 8) | (w >> 8));
        }
        return raw;
    }

    /**
     * A nameplate field's text: a string cleaned of padding and control characters, an enum value's name, or the
     * number (scaled); null when the device left it unset (all NUL or 0xFF, an "invalid" marker).
     */
    public static String nameplateText(MapPoint p, int[] regs, int offset) {
        if (p.type() == ValueType.STRING) {
            return Nameplate.clean(string(regs, offset, p.size()));
        }
        PointValue v = decode(p, regs, offset);
        if (v == null) {
            return null;
        }
        return v.text() != null ? v.text() : BigDecimal.valueOf(v.value()).stripTrailingZeros().toPlainString();
    }

    public static String string(int[] regs, int offset, int size) {
        return Registers.string(regs, offset, size);
    }
}
