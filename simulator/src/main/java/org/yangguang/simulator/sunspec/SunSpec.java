package org.yangguang.simulator.sunspec;

import java.util.Set;

/**
 * SunSpec constants the simulator serves, from the SunSpec Alliance model definitions (model_1.json,
 * model_103.json of github.com/sunspec/models) and the "not implemented" values clients must treat as absent
 * (pysunspec2 {@code sunspec2/mb.py}).
 */
public final class SunSpec {

    /** "SunS" as two big-endian registers. */
    public static final int MARKER_HI = 0x5375;
    public static final int MARKER_LO = 0x6E53;
    /** The three base addresses clients probe, in pysunspec2's order. */
    public static final Set<Integer> BASE_ADDRESSES = Set.of(40_000, 0, 50_000);

    public static final int COMMON_MODEL_ID = 1;
    public static final int COMMON_LENGTH = 66;
    public static final int THREE_PHASE_INVERTER_ID = 103;
    public static final int INVERTER_LENGTH = 50;
    public static final int END_MODEL_ID = 0xFFFF;

    public static final int NOT_IMPLEMENTED_INT16 = 0x8000;
    public static final int NOT_IMPLEMENTED_UINT16 = 0xFFFF;
    public static final long NOT_IMPLEMENTED_BITFIELD32 = 0xFFFF_FFFFL;
    // acc32 has no sentinel but 0 ("not accumulated"), so a real energy counter must never serve 0

    private SunSpec() {
    }

    /** Model 103 operating state (St). */
    public enum OperatingState {
        OFF(1), SLEEPING(2), STARTING(3), MPPT(4), THROTTLED(5), SHUTTING_DOWN(6), FAULT(7), STANDBY(8);

        private final int code;

        OperatingState(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** Model 103 Evt1 bits. */
    public enum Event1 {
        GROUND_FAULT, DC_OVER_VOLT, AC_DISCONNECT, DC_DISCONNECT, GRID_DISCONNECT, CABINET_OPEN,
        MANUAL_SHUTDOWN, OVER_TEMP, OVER_FREQUENCY, UNDER_FREQUENCY, AC_OVER_VOLT, AC_UNDER_VOLT,
        BLOWN_STRING_FUSE, UNDER_TEMP, MEMORY_LOSS, HW_TEST_FAILURE;

        public long mask() {
            return 1L << ordinal();
        }
    }
}
