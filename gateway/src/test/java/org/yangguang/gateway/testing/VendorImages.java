package org.yangguang.gateway.testing;

/** Golden register images of the shipped vendor maps (values as a healthy 50 kW inverter shows them at noon). */
public final class VendorImages {
    private VendorImages() {
    }

    public static RegisterImage huaweiSun2000() {
        RegisterImage i = new RegisterImage();
        i.string(30000, 15, "SUN2000-50KTL-M3").string(30015, 10, "HV2150123456");
        i.u16(30071, 8).u16(30072, 4).u32(30073, 50_000);
        i.u16(32000, 0b110);                                 // GRID_CONNECTED | GRID_CONNECTED_NORMALLY
        i.u16(32008, 0).u16(32009, 1 << 3).u16(32010, 0);    // alarm 2: OVERTEMPERATURE
        i.s16(32016, 6123).s16(32017, 912).s16(32018, 6100).s16(32019, 905);
        i.s16(32020, 0).s16(32021, 0).s16(32022, 0).s16(32023, 0);
        i.u32(32064, 37_360);
        i.u16(32066, 4000).u16(32067, 4004).u16(32068, 3998).u16(32069, 2309).u16(32070, 2312).u16(32071, 2305);
        i.u32(32072, 17_400).u32(32074, 17_500).u32(32076, 17_400);
        i.u32(32078, 41_000).u32(32080, 36_250).u32(32082, -1200L & 0xFFFFFFFFL);
        i.s16(32084, 996).u16(32085, 5001).u16(32086, 9870).s16(32087, 413).u16(32088, 3000);
        i.u16(32089, 0x0200).u16(32090, 0);
        i.u32(32106, 12_345_678).u32(32114, 18_050);
        // The registers in the gaps the planner fills exist on a real inverter.
        i.zeros(32000, 24).zeros(32064, 52).zeros(30071, 4);
        return i;
    }

    public static RegisterImage sungrowSg() {
        RegisterImage i = new RegisterImage();
        i.input16(4999, 0x0E0F).input16(5000, 500).input16(5002, 1805).input32LowWordFirst(5003, 123_456)
                .input32LowWordFirst(5005, 8760).input16(5007, 413);
        i.input16(5010, 6123).input16(5011, 312).input16(5012, 6100).input16(5013, 305).input16(5014, 0).input16(5015, 0);
        i.input32LowWordFirst(5016, 37_360);
        i.input16(5018, 4000).input16(5019, 4004).input16(5020, 3998);
        i.input16(5021, 174).input16(5022, 175).input16(5023, 174);
        i.input32LowWordFirst(5030, 36_250).input32LowWordFirst(5032, -1200L & 0xFFFFFFFFL);
        i.input16(5034, 996).input16(5035, 500).input16(5037, 0x0000).input16(5044, 0);
        i.inputZeros(4999, 46);
        return i;
    }

    public static RegisterImage eastronSdm630() {
        RegisterImage i = new RegisterImage();
        i.inputF32(0x00, 230.9f).inputF32(0x02, 231.2f).inputF32(0x04, 230.5f);
        i.inputF32(0x06, 52.1f).inputF32(0x08, 52.3f).inputF32(0x0A, 51.9f);
        i.inputF32(0x0C, 12010.5f).inputF32(0x0E, 12050f).inputF32(0x10, 11930.25f);
        i.inputF32(0x30, 156.3f).inputF32(0x34, 35990.75f).inputF32(0x38, 36100f).inputF32(0x3C, -2810.5f)
                .inputF32(0x3E, 0.996f).inputF32(0x46, 50.01f).inputF32(0x48, 1520.5f).inputF32(0x4A, 123456.7f);
        i.inputF32(0xC8, 400.1f).inputF32(0xCA, 400.4f).inputF32(0xCC, 399.8f);
        i.inputZeros(0x00, 18).inputZeros(0x30, 28).inputZeros(0xC8, 6);
        return i;
    }
}
