package org.yangguang.simulator.sunspec;

import java.nio.charset.StandardCharsets;

/**
 * Lays out one device's SunSpec map: "SunS", model 1 (common), model 103 (three-phase inverter), end marker.
 * Offsets follow model_1.json and model_103.json point by point; the whole map is 124 registers, so a client
 * can read it in one request (the Modbus limit is 125).
 *
 * <pre>
 * base+0    "SunS" (0x5375 0x6E53)
 * base+2    model 1:   ID=1,   L=66
 * base+70   model 103: ID=103, L=50
 * base+122  end:       ID=0xFFFF, L=0
 * </pre>
 */
public final class RegisterImage {

    public static final int COMMON_OFFSET = 2;
    public static final int INVERTER_OFFSET = COMMON_OFFSET + 2 + SunSpec.COMMON_LENGTH;
    public static final int END_OFFSET = INVERTER_OFFSET + 2 + SunSpec.INVERTER_LENGTH;
    public static final int SIZE = END_OFFSET + 2;

    private RegisterImage() {
    }

    /** The registers from the base address on, as unsigned 16-bit values. */
    public static int[] build(Nameplate nameplate, InverterRegisters r) {
        int[] regs = new int[SIZE];
        regs[0] = SunSpec.MARKER_HI;
        regs[1] = SunSpec.MARKER_LO;

        int c = COMMON_OFFSET;
        regs[c] = SunSpec.COMMON_MODEL_ID;
        regs[c + 1] = SunSpec.COMMON_LENGTH;
        putString(regs, c + 2, 16, nameplate.manufacturer());
        putString(regs, c + 18, 16, nameplate.model());
        // Opt (c + 34, 8 registers) not implemented: a string's sentinel is all zeros, which the array already holds
        putString(regs, c + 42, 8, nameplate.version());
        putString(regs, c + 50, 16, nameplate.serial());
        regs[c + 66] = nameplate.unitId();
        regs[c + 67] = SunSpec.NOT_IMPLEMENTED_INT16; // Pad

        int i = INVERTER_OFFSET;
        regs[i] = SunSpec.THREE_PHASE_INVERTER_ID;
        regs[i + 1] = SunSpec.INVERTER_LENGTH;
        regs[i + 2] = r.a();
        regs[i + 3] = r.aphA();
        regs[i + 4] = r.aphB();
        regs[i + 5] = r.aphC();
        regs[i + 6] = sf(r.aSf());
        regs[i + 7] = r.ppvphAB();
        regs[i + 8] = r.ppvphBC();
        regs[i + 9] = r.ppvphCA();
        regs[i + 10] = r.phvphA();
        regs[i + 11] = r.phvphB();
        regs[i + 12] = r.phvphC();
        regs[i + 13] = sf(r.vSf());
        regs[i + 14] = r.w() & 0xFFFF;
        regs[i + 15] = sf(r.wSf());
        regs[i + 16] = r.hz();
        regs[i + 17] = sf(r.hzSf());
        regs[i + 18] = r.va() & 0xFFFF;
        regs[i + 19] = sf(r.vaSf());
        regs[i + 20] = r.var() & 0xFFFF;
        regs[i + 21] = sf(r.varSf());
        regs[i + 22] = r.pf() & 0xFFFF;
        regs[i + 23] = sf(r.pfSf());
        put32(regs, i + 24, r.wh());
        regs[i + 26] = sf(r.whSf());
        regs[i + 27] = r.dca();
        regs[i + 28] = sf(r.dcaSf());
        regs[i + 29] = r.dcv();
        regs[i + 30] = sf(r.dcvSf());
        regs[i + 31] = r.dcw() & 0xFFFF;
        regs[i + 32] = sf(r.dcwSf());
        regs[i + 33] = r.tmpCab() & 0xFFFF;
        regs[i + 34] = r.tmpSnk() & 0xFFFF;
        regs[i + 35] = SunSpec.NOT_IMPLEMENTED_INT16; // TmpTrns: a transformerless string inverter has none
        regs[i + 36] = SunSpec.NOT_IMPLEMENTED_INT16; // TmpOt
        regs[i + 37] = sf(r.tmpSf());
        regs[i + 38] = r.st();
        regs[i + 39] = SunSpec.NOT_IMPLEMENTED_UINT16; // StVnd
        put32(regs, i + 40, r.evt1());
        put32(regs, i + 42, r.evt2());
        for (int k = 0; k < 4; k++) {
            put32(regs, i + 44 + 2 * k, SunSpec.NOT_IMPLEMENTED_BITFIELD32); // EvtVnd1..4
        }

        regs[END_OFFSET] = SunSpec.END_MODEL_ID;
        regs[END_OFFSET + 1] = 0;
        return regs;
    }

    private static int sf(int scaleFactor) {
        if (scaleFactor < -10 || scaleFactor > 10) {
            throw new IllegalArgumentException("SunSpec scale factors are within -10..10, got " + scaleFactor);
        }
        return scaleFactor & 0xFFFF;
    }

    /** 32-bit values are big-endian across two registers (SunSpec: high word first). */
    private static void put32(int[] regs, int at, long value) {
        regs[at] = (int) ((value >>> 16) & 0xFFFF);
        regs[at + 1] = (int) (value & 0xFFFF);
    }

    /** Two ASCII characters per register, first character in the high byte, NUL-padded. */
    private static void putString(int[] regs, int at, int registers, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < registers; k++) {
            int hi = 2 * k < bytes.length ? bytes[2 * k] & 0xFF : 0;
            int lo = 2 * k + 1 < bytes.length ? bytes[2 * k + 1] & 0xFF : 0;
            regs[at + k] = (hi << 8) | lo;
        }
    }
}
