package org.yangguang.simulator.station;

import java.time.Duration;
import org.yangguang.simulator.image.RegisterDump;
import org.yangguang.simulator.modbus.UnitBehaviour;

/**
 * A vendor device (a Huawei or Sungrow inverter, an Eastron meter) served from a {@link RegisterDump} at its unit
 * id: its registers are the image's, unchanged until a test serves another one — the same unit with a larger
 * counter, or its replacement with another serial number.
 */
public final class ImageDevice implements UnitBehaviour {
    private final int unit;
    private volatile RegisterDump image;
    private volatile boolean offline;
    private volatile int port;

    ImageDevice(int unit, RegisterDump image) {
        this.unit = unit;
        this.image = image;
    }

    public int unit() {
        return unit;
    }

    /** Serves {@code next} from the next request on. */
    public void serve(RegisterDump next) {
        this.image = next;
    }

    @Override
    public RegisterDump image() {
        return image;
    }

    /** While offline the unit does not answer (the client times out), as {@link Faults#offline()} for inverters. */
    public void setOffline(boolean value) {
        this.offline = value;
    }

    @Override
    public boolean offline() {
        return offline;
    }

    @Override
    public int[] registers() {
        return new int[0];
    }

    @Override
    public Duration responseDelay() {
        return Duration.ZERO;
    }

    public int port() {
        return port;
    }

    void port(int value) {
        this.port = value;
    }
}
