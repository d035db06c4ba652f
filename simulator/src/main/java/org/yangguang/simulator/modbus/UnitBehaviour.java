package org.yangguang.simulator.modbus;

import java.time.Duration;

/**
 * What the Modbus side needs from one unit: its current registers and how it misbehaves right now.
 * Implemented by the station so this package does not depend on the simulation.
 */
public interface UnitBehaviour {

    /** Registers from the SunSpec base on; must not be modified by the caller. */
    int[] registers();

    /** True while the unit must not answer at all. */
    boolean offline();

    /** Delay before each response; zero for none. */
    Duration responseDelay();
}
