package org.yangguang.contract;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Point names every device model maps onto, with the one unit each travels in and a plausible range.
 * SunSpec models and vendor register maps both decode into these names, so the collector computes station
 * power and energy the same way for every brand. Other point names are allowed (vendor extras) but carry
 * their own unit. Ranges are wide on purpose: they reject garbage (a mis-scaled register), not weather.
 */
public enum CanonicalPoint {
    AC_POWER("ac_power", "W", -1e9, 1e9, "total AC active power, positive when exporting"),
    AC_ENERGY("ac_energy", "Wh", 0, 1e15, "lifetime AC energy counter of the device (monotonic except on reset)"),
    AC_REACTIVE_POWER("ac_reactive_power", "var", -1e9, 1e9, "total reactive power"),
    AC_APPARENT_POWER("ac_apparent_power", "VA", -1e9, 1e9, "total apparent power"),
    POWER_FACTOR("power_factor", "%", -100, 100, "power factor, as SunSpec: cos phi x 100"),
    AC_FREQUENCY("ac_frequency", "Hz", 0, 100, "grid frequency"),
    AC_CURRENT("ac_current", "A", -1e6, 1e6, "total AC current"),
    AC_CURRENT_A("ac_current_a", "A", -1e6, 1e6, "phase A current"),
    AC_CURRENT_B("ac_current_b", "A", -1e6, 1e6, "phase B current"),
    AC_CURRENT_C("ac_current_c", "A", -1e6, 1e6, "phase C current"),
    AC_VOLTAGE_AB("ac_voltage_ab", "V", 0, 1e5, "line voltage AB"),
    AC_VOLTAGE_BC("ac_voltage_bc", "V", 0, 1e5, "line voltage BC"),
    AC_VOLTAGE_CA("ac_voltage_ca", "V", 0, 1e5, "line voltage CA"),
    AC_VOLTAGE_AN("ac_voltage_an", "V", 0, 1e5, "phase voltage A-N"),
    AC_VOLTAGE_BN("ac_voltage_bn", "V", 0, 1e5, "phase voltage B-N"),
    AC_VOLTAGE_CN("ac_voltage_cn", "V", 0, 1e5, "phase voltage C-N"),
    DC_POWER("dc_power", "W", -1e9, 1e9, "total DC input power"),
    DC_VOLTAGE("dc_voltage", "V", 0, 1e5, "DC input voltage"),
    DC_CURRENT("dc_current", "A", -1e6, 1e6, "DC input current"),
    TEMPERATURE_CABINET("temperature_cabinet", "Cel", -60, 200, "cabinet temperature"),
    TEMPERATURE_HEATSINK("temperature_heatsink", "Cel", -60, 200, "heat-sink temperature"),
    OPERATING_STATE("operating_state", "", 0, 65535, "operating state code; text names it (SunSpec St or vendor enum)"),
    EVENTS("events", "", 0, 4294967295.0, "alarm/event bit field; text lists the set flags separated by |"),
    FAULT_CODE("fault_code", "", 0, 4294967295.0, "vendor fault or alarm code; text names it"),
    IRRADIANCE("irradiance", "W/m2", 0, 2000, "plane-of-array irradiance"),
    IMPORT_ENERGY("import_energy", "Wh", 0, 1e15, "meter: lifetime energy imported from the grid"),
    EXPORT_ENERGY("export_energy", "Wh", 0, 1e15, "meter: lifetime energy exported to the grid");

    private static final Map<String, CanonicalPoint> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CanonicalPoint::pointName, Function.identity()));

    private final String pointName;
    private final String unit;
    private final double min;
    private final double max;
    private final String description;

    CanonicalPoint(String pointName, String unit, double min, double max, String description) {
        this.pointName = pointName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    public String pointName() {
        return pointName;
    }

    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String description() {
        return description;
    }

    public boolean inRange(double v) {
        return v >= min && v <= max;
    }

    public static Optional<CanonicalPoint> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
