package org.yangguang.collector.loss;

import org.yangguang.collector.expected.ExpectedEnergy;

import java.util.List;
import java.util.Set;

/**
 * One alarm episode, from its raise to its clear, of any alarm kind: the unit a fault is priced in. Built from the
 * stored alarm events ({@code raw.alarms}), so every kind the alarm engine raises — today's and those added later —
 * is an episode without a line of code here. {@code since} is the raise's onset (when the trouble began as far as
 * the data tells), {@code until} the clear, null while open.
 */
public record Episode(String station, String device, String type, String severity, String detail, long since,
                      Long until) {

    /** What an episode's energy is counted on. */
    public enum Scope {
        /** one inverter: the alarm is about it */
        DEVICE,
        /** every inverter of the station: the alarm is about something they all hang on (the gateway, the link) */
        STATION,
        /** nothing: the alarm is about a device that produces no energy of its own (a sensor, a meter) */
        NONE
    }

    /**
     * When two episodes cover the same inverter at the same time, the bucket's loss goes to the most specific cause,
     * in this order; a kind not listed (added later) comes after underperforming, before the "no data" kinds, whose
     * cause is unknown until data returns.
     */
    static final List<String> PRIORITY = List.of("fault", "vendor_event", "zero_output_daylight", "underperforming",
            "*", "device_offline", "telemetry_gap", "gateway_offline");

    public boolean open() {
        return until == null;
    }

    /** A stable name: station/device/type/since. */
    public String id() {
        return station + "/" + device + "/" + type + "/" + since;
    }

    public long firstBucket() {
        return ExpectedEnergy.floor(since);
    }

    /** The bucket of the clear (whose reading ends the recovery), or MAX_VALUE while open. */
    public long lastBucket() {
        return until == null ? Long.MAX_VALUE : ExpectedEnergy.floor(until);
    }

    public boolean covers(long bucket) {
        return bucket >= firstBucket() && bucket <= lastBucket();
    }

    public boolean overlaps(long fromMs, long toMs) {
        return firstBucket() < toMs && lastBucket() >= ExpectedEnergy.floor(fromMs);
    }

    /**
     * A gateway going offline concerns every inverter behind it, as does an alarm on an id that is no device of the
     * station (a gateway's); one on an inverter concerns that inverter; one on another device (a sensor) no energy.
     */
    public Scope scope(Set<String> inverters, Set<String> otherDevices) {
        if (type.equals("gateway_offline")) {
            return Scope.STATION;
        }
        if (inverters.contains(device)) {
            return Scope.DEVICE;
        }
        return otherDevices.contains(device) ? Scope.NONE : Scope.STATION;
    }

    int rank() {
        int i = PRIORITY.indexOf(type);
        return i >= 0 ? i : PRIORITY.indexOf("*");
    }
}
