package org.yangguang.simulator.config;

import java.util.Objects;
import org.yangguang.simulator.station.Faults;

/**
 * One simulated inverter.
 *
 * @param unit            Modbus unit id, 1..247, unique in the station
 * @param ratedPowerW     AC rating in W (field units are 30–110 kW)
 * @param serial          SN in model 1
 * @param model           Md in model 1, or null for "YG-SIM-&lt;kW&gt;K"
 * @param initialEnergyWh lifetime energy at start; must be positive, since an acc32 of 0 means "not accumulated"
 * @param faults          faults active from the start
 * @param yieldFactor     how this inverter's array yields against the station's sky, healthy: orientation, string
 *                        length, soiling and shading make real inverters of one station differ by a few per cent
 *                        (0.5..1.2, default 1); unlike {@code derate} it is no fault, and what the inverter would
 *                        have produced without faults includes it
 */
public record InverterConfig(int unit, long ratedPowerW, String serial, String model, long initialEnergyWh,
                             Faults faults, double yieldFactor) {

    /**
     * Default starting energy: 2,000 equivalent full-load hours, about 16 months of Lüliang yield (≈ 1,500 h a
     * year), so the counter looks like a plant already in service.
     */
    public static final long DEFAULT_FULL_LOAD_HOURS = 2_000;

    public InverterConfig {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit must be within 1..247, got " + unit);
        }
        if (ratedPowerW < 1_000 || ratedPowerW > 2_000_000) {
            throw new IllegalArgumentException("ratedPowerW must be within 1000..2000000, got " + ratedPowerW);
        }
        Objects.requireNonNull(serial, "serial");
        if (initialEnergyWh < 1 || initialEnergyWh > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("energyWh must be within 1..4294967295 (acc32), got " + initialEnergyWh);
        }
        Objects.requireNonNull(faults, "faults");
        if (!(yieldFactor >= 0.5 && yieldFactor <= 1.2)) {
            throw new IllegalArgumentException("yieldFactor must be within 0.5..1.2, got " + yieldFactor);
        }
    }

    public InverterConfig(int unit, long ratedPowerW, String serial, String model, long initialEnergyWh, Faults faults) {
        this(unit, ratedPowerW, serial, model, initialEnergyWh, faults, 1.0);
    }

    /** A healthy inverter with the default starting energy. */
    public static InverterConfig of(int unit, long ratedPowerW, String serial) {
        return new InverterConfig(unit, ratedPowerW, serial, null, ratedPowerW * DEFAULT_FULL_LOAD_HOURS, Faults.NONE);
    }

    public InverterConfig withFaults(Faults value) {
        return new InverterConfig(unit, ratedPowerW, serial, model, initialEnergyWh, value, yieldFactor);
    }

    public InverterConfig withInitialEnergyWh(long value) {
        return new InverterConfig(unit, ratedPowerW, serial, model, value, faults, yieldFactor);
    }

    public InverterConfig withYieldFactor(double value) {
        return new InverterConfig(unit, ratedPowerW, serial, model, initialEnergyWh, faults, value);
    }
}
