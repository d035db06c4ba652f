package org.yangguang.simulator.modbus;

import java.time.Duration;
import org.yangguang.simulator.image.RegisterDump;

/**
 * What the Modbus side needs from one unit: its current registers and how it misbehaves right now.
 * Implemented by the station so this package does not depend on the simulation.
 */
public interface UnitBehaviour {

    /** Registers from the SunSpec base on; must not be modified by the caller. Unused when {@link #image()} is set. */
    int[] registers();

    /**
     * A register image served instead of a SunSpec map (a vendor device: holding and input registers at their own
     * addresses), or null for a SunSpec unit.
     */
    default RegisterDump image() {
        return null;
    }

    /** True while the unit must not answer at all. */
    boolean offline();

    /** Delay before each response; zero for none. */
    Duration responseDelay();
}
