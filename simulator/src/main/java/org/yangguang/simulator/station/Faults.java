package org.yangguang.simulator.station;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Faults injected into one inverter, from the config or at run time ({@link SimulatedInverter#setFaults}).
 * They reproduce what operators see in the field:
 *
 * @param offline       the unit stops answering Modbus: requests for it get no response, so the client times out,
 *                      while other units behind the same port keep answering (a dead RS-485 device behind a
 *                      logger). The inverter itself keeps producing and counting energy, as a real one does when
 *                      only its communication fails
 * @param zeroOutput    the unit answers but produces nothing and reports STANDBY with no event (a tripped AC
 *                      breaker or a lost grid connection the inverter does not flag)
 * @param alarmEvents   model 103 Evt1 bits; non-zero puts the unit in FAULT (St = 7) with zero output
 * @param slowResponse  each response is delayed this long before it is sent (an overloaded 4G dongle); a client
 *                      with a shorter timeout sees timeouts, a patient one sees correct values
 * @param derate        fraction of output lost, in [0, 1] (a blown string fuse, soiling); the unit reports MPPT
 */
public record Faults(boolean offline, boolean zeroOutput, long alarmEvents, Duration slowResponse, double derate) {

    public static final Faults NONE = new Faults(false, false, 0L, Duration.ZERO, 0.0);

    public Faults {
        Objects.requireNonNull(slowResponse, "slowResponse");
        if (slowResponse.isNegative()) {
            throw new IllegalArgumentException("slowResponse must not be negative, got " + slowResponse);
        }
        if (alarmEvents < 0 || alarmEvents > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("alarmEvents must fit the 32-bit Evt1 field, got " + alarmEvents);
        }
        if (!(derate >= 0.0 && derate <= 1.0)) {
            throw new IllegalArgumentException("derate must be within [0, 1], got " + derate);
        }
    }

    public Faults withOffline(boolean value) {
        return new Faults(value, zeroOutput, alarmEvents, slowResponse, derate);
    }

    public Faults withZeroOutput(boolean value) {
        return new Faults(offline, value, alarmEvents, slowResponse, derate);
    }

    public Faults withAlarm(long evt1Bits) {
        return new Faults(offline, zeroOutput, evt1Bits, slowResponse, derate);
    }

    public Faults withSlowResponse(Duration value) {
        return new Faults(offline, zeroOutput, alarmEvents, value, derate);
    }

    public Faults withDerate(double value) {
        return new Faults(offline, zeroOutput, alarmEvents, slowResponse, value);
    }

    public boolean alarm() {
        return alarmEvents != 0;
    }

    /** For logs: "none" or the active faults, e.g. "offline, alarm Evt1=0x00000090, derate 30%". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (offline) {
            parts.add("offline");
        }
        if (zeroOutput) {
            parts.add("zero output");
        }
        if (alarm()) {
            parts.add(String.format("alarm Evt1=0x%08X", alarmEvents));
        }
        if (!slowResponse.isZero()) {
            parts.add("slow " + slowResponse);
        }
        if (derate > 0) {
            parts.add("derate " + Math.round(derate * 100) + "%");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
