package org.yangguang.gateway.testing;

import org.yangguang.gateway.sunspec.ModelDef;
import org.yangguang.gateway.sunspec.PointDef;

import java.util.List;
import java.util.Map;

/**
 * SunSpec register images for tests. {@link #golden103(int)} decodes exactly to the contract's golden payload
 * contract/v1/examples/inverter-sunspec-103-ok.json.
 */
public final class SunSpecImages {
    public static final int NOT_IMPL_S16 = 0x8000;
    public static final int NOT_IMPL_U16 = 0xFFFF;

    private SunSpecImages() {
    }

    /** "SunS", model 1 (66 registers), then model 103 at base+70, end marker at base+122. */
    public static RegisterImage golden103(int base) {
        RegisterImage img = new RegisterImage();
        img.u16(base, 0x5375).u16(base + 1, 0x6E53);
        common(img, base + 2, "Yangguang", "YG-50K", "1.4.2", "SN-0001");
        int m = base + 70;
        img.u16(m, 103).u16(m + 1, 50);
        img.u16(m + 2, 523).u16(m + 3, 174).u16(m + 4, 175).u16(m + 5, 174).s16(m + 6, -1);   // A, AphA-C, A_SF
        img.u16(m + 7, 4000).u16(m + 8, 4004).u16(m + 9, 3998);                                // PPVphAB..CA
        img.u16(m + 10, 2309).u16(m + 11, 2312).u16(m + 12, 2305).s16(m + 13, -1);             // PhVphA..C, V_SF
        img.s16(m + 14, 3625).s16(m + 15, 1);                                                  // W x 10^1
        img.u16(m + 16, 5001).s16(m + 17, -2);                                                 // Hz
        img.s16(m + 18, 3640).s16(m + 19, 1);                                                  // VA
        img.s16(m + 20, -120).s16(m + 21, 1);                                                  // VAr
        img.s16(m + 22, 996).s16(m + 23, -1);                                                  // PF
        img.u32(m + 24, 123456789L).s16(m + 26, 0);                                            // WH, WH_SF
        img.u16(m + 27, 952).s16(m + 28, -1);                                                  // DCA
        img.u16(m + 29, 3925).s16(m + 30, -1);                                                 // DCV
        img.s16(m + 31, 3736).s16(m + 32, 1);                                                  // DCW
        img.s16(m + 33, 413).s16(m + 34, 527).s16(m + 35, NOT_IMPL_S16).s16(m + 36, NOT_IMPL_S16).s16(m + 37, -1);
        img.u16(m + 38, 4).u16(m + 39, NOT_IMPL_U16);                                          // St MPPT, StVnd n/i
        img.u32(m + 40, 0);                                                                    // Evt1: no events
        img.u32(m + 42, 0xFFFFFFFFL).u32(m + 44, 0xFFFFFFFFL).u32(m + 46, 0xFFFFFFFFL)
                .u32(m + 48, 0xFFFFFFFFL).u32(m + 50, 0xFFFFFFFFL);                            // Evt2, EvtVnd1-4 n/i
        img.u16(m + 52, 0xFFFF).u16(m + 53, 0);
        return img;
    }

    /**
     * Writes model {@code id} at {@code address} (ID, L, points) from its definition: points named in
     * {@code values} get that raw value (floats as Float bits via {@link #f}), every other point the type's
     * "not implemented" sentinel. {@code repeats} repetitions of the repeating group take values from
     * {@code repeatValues} (index 0 = first). Returns the address after the block.
     */
    public static int model(RegisterImage img, int address, int id, Map<String, Long> values, int repeats,
                            List<Map<String, Long>> repeatValues) {
        ModelDef def = ModelDef.of(id).orElseThrow();
        int length = def.fixedSize() - 2 + repeats * def.repeatSize();
        img.u16(address, id).u16(address + 1, length);
        for (PointDef p : def.fixed()) {
            if (p.offset() >= 2) {
                put(img, address + p.offset(), p, values.get(p.name()));
            }
        }
        for (int r = 0; r < repeats; r++) {
            Map<String, Long> rv = r < repeatValues.size() ? repeatValues.get(r) : Map.of();
            for (PointDef p : def.repeating()) {
                put(img, address + def.fixedSize() + r * def.repeatSize() + p.offset(), p, rv.get(p.name()));
            }
        }
        return address + 2 + length;
    }

    /** Raw bits of a float32 point value. */
    public static long f(float v) {
        return Float.floatToIntBits(v) & 0xFFFFFFFFL;
    }

    private static void put(RegisterImage img, int at, PointDef p, Long v) {
        switch (p.type()) {
            case INT16, SUNSSF -> img.u16(at, v == null ? 0x8000 : v.intValue());
            case UINT16, ENUM16, BITFIELD16, COUNT -> img.u16(at, v == null ? 0xFFFF : v.intValue());
            case ACC16 -> img.u16(at, v == null ? 0 : v.intValue());
            case PAD -> img.u16(at, 0x8000);
            case INT32 -> img.u32(at, v == null ? 0x80000000L : v);
            case UINT32, ENUM32, BITFIELD32 -> img.u32(at, v == null ? 0xFFFFFFFFL : v);
            case ACC32 -> img.u32(at, v == null ? 0 : v);
            case FLOAT32 -> img.u32(at, v == null ? 0x7FC00000L : v);
            case INT64 -> img.u64(at, v == null ? Long.MIN_VALUE : v);
            case UINT64 -> img.u64(at, v == null ? -1L : v);
            case ACC64 -> img.u64(at, v == null ? 0 : v);
            case STRING -> img.string(at, p.size(), "");
            default -> {
                for (int i = 0; i < p.size(); i++) {
                    img.u16(at + i, 0);
                }
            }
        }
    }

    public static void end(RegisterImage img, int address) {
        img.u16(address, 0xFFFF).u16(address + 1, 0);
    }

    public static void common(RegisterImage img, int at, String mn, String md, String vr, String sn) {
        img.u16(at, 1).u16(at + 1, 66);
        img.string(at + 2, 16, mn).string(at + 18, 16, md).string(at + 34, 8, "").string(at + 42, 8, vr)
                .string(at + 50, 16, sn).u16(at + 66, 1).u16(at + 67, 0x8000);
    }
}
