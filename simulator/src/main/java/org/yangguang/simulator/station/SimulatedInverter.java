package org.yangguang.simulator.station;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import org.yangguang.simulator.config.InverterConfig;
import org.yangguang.simulator.sunspec.InverterRegisters;
import org.yangguang.simulator.sunspec.Nameplate;
import org.yangguang.simulator.sunspec.RegisterImage;
import org.yangguang.simulator.sunspec.SunSpec.OperatingState;

/**
 * One SunSpec three-phase inverter. Its registers change only on {@link SimulatedStation#refresh()}; between
 * refreshes every client reads the same immutable snapshot, so a value and its scale factor, or the two words of
 * WH, can never tear.
 */
public final class SimulatedInverter {

    private final InverterConfig config;
    private final Nameplate nameplate;
    private final ScaleFactors scaleFactors;
    private final EnergyCounter energy;
    /** What the inverter would have counted without its faults: the truth lost energy is measured against. */
    private final EnergyCounter counterfactual;
    private volatile Faults faults;
    private volatile OptionalLong fixedOutputW = OptionalLong.empty();
    private volatile Snapshot snapshot;
    private volatile int port;

    /** The registers, their decoded meaning and the fault-free counter, always replaced together. */
    private record Snapshot(int[] registers, ServedValues served, long counterfactualWh) {
    }

    SimulatedInverter(InverterConfig config, String version) {
        this.config = config;
        String model = config.model() != null ? config.model() : "YG-SIM-" + Math.round(config.ratedPowerW() / 1000.0) + "K";
        this.nameplate = new Nameplate(Nameplate.MANUFACTURER, model, version, config.serial(), config.unit());
        this.scaleFactors = ScaleFactors.forRating(config.ratedPowerW());
        this.energy = new EnergyCounter(config.initialEnergyWh());
        this.counterfactual = new EnergyCounter(config.initialEnergyWh());
        this.faults = config.faults();
    }

    public int unit() {
        return config.unit();
    }

    public String serial() {
        return config.serial();
    }

    public long ratedPowerW() {
        return config.ratedPowerW();
    }

    /** The TCP port this inverter answers on (shared with the others unless the station runs a port per inverter). */
    public int port() {
        return port;
    }

    void port(int value) {
        this.port = value;
    }

    /** Exactly what clients read now, decoded with the scale factors. */
    public ServedValues served() {
        return snapshot.served();
    }

    /**
     * The lifetime energy (Wh) this inverter would have counted by the last refresh had no fault ever been injected
     * (no zero output, alarm or derate; offline and slow answers cost no energy anyway), integrated exactly like
     * {@link ServedValues#acEnergyWh()} from the power it would have served. It starts equal to the real counter, so
     * {@code counterfactualEnergyWh() - served().acEnergyWh()} is the energy its faults have cost so far: the truth
     * the collector's lost-energy estimate is tested against. Not served over Modbus: no real inverter knows it.
     */
    public long counterfactualEnergyWh() {
        return snapshot.counterfactualWh();
    }

    /** The register image from the SunSpec base address on (124 unsigned 16-bit values); a copy. */
    public int[] registers() {
        return snapshot.registers().clone();
    }

    /** Reads without copying, for the Modbus process image; callers must not modify the array. */
    int[] registersShared() {
        return snapshot.registers();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Replaces the injected faults. Offline and slow responses act on the next request; output, state and events
     * change at the next refresh (as a real inverter's registers do at its next internal update).
     */
    public void setFaults(Faults value) {
        this.faults = Objects.requireNonNull(value, "faults");
    }

    /**
     * Pins the AC output to a constant (limited to the rating), ignoring the sun: for tests that need a known
     * power, and for demos of a step change. Faults still apply.
     */
    public void fixOutput(long watts) {
        if (watts < 0) {
            throw new IllegalArgumentException("fixed output must not be negative, got " + watts);
        }
        this.fixedOutputW = OptionalLong.of(watts);
    }

    /** Undoes {@link #fixOutput}: the output follows the sky again from the next refresh. */
    public void followSun() {
        this.fixedOutputW = OptionalLong.empty();
    }

    /**
     * Recomputes the registers for {@code now}, given the fraction of rated power the sky allows.
     * The energy counter integrates the power served at the previous refresh and at this one.
     */
    synchronized void refresh(Instant now, double skyFactor) {
        Faults f = faults;
        long rated = config.ratedPowerW();
        double healthy = fixedOutputW.isPresent() ? Math.min(fixedOutputW.getAsLong(), rated)
                : rated * skyFactor * config.yieldFactor();
        double available = fixedOutputW.isPresent() ? healthy : healthy * (1.0 - f.derate());
        if (f.zeroOutput() || f.alarm()) {
            available = 0.0;
        }
        long powerW = Electrics.quantizeW(Math.max(0.0, Math.min(rated, available)), scaleFactors);
        energy.sample(now, powerW);
        counterfactual.sample(now, Electrics.quantizeW(Math.max(0.0, Math.min(rated, healthy)), scaleFactors));

        OperatingState state;
        if (f.alarm()) {
            state = OperatingState.FAULT;
        } else if (f.zeroOutput()) {
            state = OperatingState.STANDBY;
        } else if (powerW > 0) {
            state = OperatingState.MPPT;
        } else {
            state = OperatingState.SLEEPING;
        }
        long wh = energy.wattHours();
        InverterRegisters r = Electrics.registers(powerW, rated, wh, state.code(), f.alarmEvents(), scaleFactors);
        snapshot = new Snapshot(RegisterImage.build(nameplate, r), Electrics.decode(now, unit(), wh, r), counterfactual.wattHours());
    }
}
