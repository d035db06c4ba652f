package org.yangguang.benchmarks.gateway;

/**
 * The registers of the benchmarks' simulated inverter, a 36 kW three-phase unit at noon: SunSpec model 103 as
 * read from 40070 (ID, L and the 50 values, with scale factors and "not implemented" sentinels as a real device
 * has them). {@code ./yangguang bench gateway} serves it over Modbus; the JMH benchmarks decode it directly.
 */
public final class BenchInverter {
    public static final int MODEL_103_REGISTERS = 52;

    private BenchInverter() {
    }

    /** The model 103 block of the inverter at {@code unit} (its AC power and energy differ by unit). */
    public static int[] model103(int unit) {
        int[] model = {103, 50, 523, 174, 175, 174, 0xFFFF, 4000, 4004, 3998, 2309, 2312, 2305, 0xFFFF, 3625 - unit, 1,
            5001, 0xFFFE, 3640, 1, 0xFF88, 1, 996, 0xFFFF, 0x075B, 0xCD15 + unit, 0, 952, 0xFFFF, 3925, 0xFFFF, 3736, 1,
            413, 527, 0x8000, 0x8000, 0xFFFF, 4, 0xFFFF, 0, 0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
            0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
        if (model.length != MODEL_103_REGISTERS) {
            throw new IllegalStateException("model 103 image has " + model.length + " registers");
        }
        return model;
    }
}
