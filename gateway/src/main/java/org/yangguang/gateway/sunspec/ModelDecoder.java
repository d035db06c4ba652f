package org.yangguang.gateway.sunspec;

import org.yangguang.gateway.modbus.Registers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Decodes a SunSpec model block (registers starting at the model's ID register) with its definition.
 * Sentinels ("not implemented": 0x8000, 0xFFFF, 0xFFFFFFFF, NaN, acc zero) become absent values, and every
 * scaled value uses the scale factor from the same block, which the caller read in the same request
 * (Fronius and SolarEdge change scale factors at runtime; evcc#2162).
 */
public final class ModelDecoder {
    /** SunSpec allows scale factors -10..10; anything else is a corrupt register, not a scale. */
    private static final int MAX_SF = 10;

    private ModelDecoder() {
    }

    public static DecodedModel decode(ModelDef def, int[] regs) {
        return decode(def, regs, null);
    }

    /**
     * Decodes only the points in {@code wanted} (all when null): a poll needs the ~25 points it publishes, not
     * the strings and vendor registers around them.
     */
    public static DecodedModel decode(ModelDef def, int[] regs, Set<String> wanted) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> rawSf = new LinkedHashMap<>();
        for (PointDef p : def.fixed()) {
            if (p.type() == PointType.SUNSSF && p.offset() < regs.length) {
                int v = regs[p.offset()];
                if (v != 0x8000) {
                    rawSf.put(p.name(), (long) (short) v);
                }
            }
        }
        Map<String, SunSpecValue> fixed = decodePoints(def.fixed(), regs, 0, rawSf, problems, "", wanted);
        List<Map<String, SunSpecValue>> repeats = new ArrayList<>();
        if (def.repeatSize() > 0) {
            int n = (regs.length - def.fixedSize()) / def.repeatSize();
            for (int i = 0; i < n; i++) {
                repeats.add(decodePoints(def.repeating(), regs, def.fixedSize() + i * def.repeatSize(), rawSf,
                        problems, def.repeatingName() + "[" + (i + 1) + "].", wanted));
            }
        }
        return new DecodedModel(def.id(), fixed, repeats, List.copyOf(problems));
    }

    private static Map<String, SunSpecValue> decodePoints(List<PointDef> points, int[] regs, int base,
                                                          Map<String, Long> sfs, List<String> problems, String prefix,
                                                          Set<String> wanted) {
        Map<String, SunSpecValue> out = new LinkedHashMap<>();
        for (PointDef p : points) {
            if (wanted != null && !wanted.contains(p.name())) {
                continue;
            }
            int at = base + p.offset();
            if (at + p.size() > regs.length || p.type() == PointType.PAD || p.type() == PointType.SUNSSF) {
                continue;
            }
            if (p.type() == PointType.STRING) {
                String s = string(regs, at, p.size());
                if (!s.isEmpty()) {
                    out.put(p.name(), new SunSpecValue(null, s));
                }
                continue;
            }
            if (!p.type().isNumeric()) {
                continue;
            }
            BigDecimal raw = raw(p.type(), regs, at);
            if (raw == null) {
                continue;
            }
            if (p.sf() != null) {
                Long sf = scaleFactor(p.sf(), sfs);
                if (sf == null || Math.abs(sf) > MAX_SF) {
                    problems.add(prefix + p.name() + ": scale factor " + p.sf()
                            + (sf == null ? " is not implemented" : " is out of range (" + sf + ")"));
                    continue;
                }
                raw = raw.scaleByPowerOfTen(sf.intValue());
            }
            out.put(p.name(), new SunSpecValue(raw, text(p, raw.longValue())));
        }
        return out;
    }

    /** A scale factor is a point name ("W_SF") or, in a few models, an integer literal. */
    private static Long scaleFactor(String sf, Map<String, Long> sfs) {
        char c = sf.charAt(0);
        if (c == '-' || Character.isDigit(c)) {
            return Long.parseLong(sf);
        }
        return sfs.get(sf);
    }

    /** The symbol of an enum value, or the set flags of a bit field joined by "|"; null when there are none. */
    static String text(PointDef p, long code) {
        if (p.symbols().isEmpty()) {
            return null;
        }
        if (p.type() == PointType.BITFIELD16 || p.type() == PointType.BITFIELD32) {
            StringJoiner j = new StringJoiner("|");
            for (Map.Entry<Long, String> e : p.symbols().entrySet()) {
                if (e.getKey() < 64 && (code & (1L << e.getKey())) != 0) {
                    j.add(e.getValue());
                }
            }
            return j.length() == 0 ? null : j.toString();
        }
        return p.symbols().get(code);
    }

    /**
     * The value at {@code at} is not its type's "not implemented" sentinel (SunSpec Information Model Reference,
     * "Unimplemented values"). The one place those rules live: {@link #raw} and the poll's compiled path ask here.
     */
    static boolean implemented(PointType type, int[] r, int at) {
        return switch (type) {
            case INT16 -> r[at] != 0x8000;
            case UINT16, COUNT, ENUM16, BITFIELD16 -> r[at] != 0xFFFF;
            case ACC16 -> r[at] != 0;
            case INT32 -> ((r[at] << 16) | r[at + 1]) != Integer.MIN_VALUE;
            case UINT32, ENUM32, BITFIELD32 -> (r[at] & r[at + 1]) != 0xFFFF;
            case ACC32 -> (r[at] | r[at + 1]) != 0;
            case FLOAT32 -> Float.isFinite(Float.intBitsToFloat((r[at] << 16) | r[at + 1]));
            case INT64 -> long64(r, at) != Long.MIN_VALUE;
            case UINT64 -> long64(r, at) != -1L;
            case ACC64 -> long64(r, at) != 0;
            case FLOAT64 -> Double.isFinite(Double.longBitsToDouble(long64(r, at)));
            default -> false;
        };
    }

    /** The raw (unscaled) value, or null for the type's "not implemented" sentinel. */
    static BigDecimal raw(PointType type, int[] r, int at) {
        if (!implemented(type, r, at)) {
            return null;
        }
        return switch (type) {
            case INT16 -> BigDecimal.valueOf((short) r[at]);
            case UINT16, COUNT, ENUM16, BITFIELD16, ACC16 -> BigDecimal.valueOf(r[at]);
            case INT32 -> BigDecimal.valueOf((r[at] << 16) | r[at + 1]);
            case UINT32, ENUM32, BITFIELD32, ACC32 -> BigDecimal.valueOf(((long) r[at] << 16) | r[at + 1]);
            // Float.toString gives the shortest decimal that round-trips: 0.1f reads as 0.1, not 0.10000000149.
            case FLOAT32 -> new BigDecimal(Float.toString(Float.intBitsToFloat((r[at] << 16) | r[at + 1])));
            case INT64 -> BigDecimal.valueOf(long64(r, at));
            case UINT64, ACC64 -> new BigDecimal(new BigInteger(Long.toUnsignedString(long64(r, at))));
            case FLOAT64 -> BigDecimal.valueOf(Double.longBitsToDouble(long64(r, at)));
            default -> null;
        };
    }

    private static long long64(int[] r, int at) {
        return ((long) r[at] << 48) | ((long) r[at + 1] << 32) | ((long) r[at + 2] << 16) | r[at + 3];
    }

    /** All-NUL means not implemented (empty string). */
    static String string(int[] r, int at, int size) {
        return Registers.string(r, at, size);
    }
}
