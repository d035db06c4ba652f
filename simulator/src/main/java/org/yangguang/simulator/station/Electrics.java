package org.yangguang.simulator.station;

import java.math.BigDecimal;
import java.time.Instant;
import org.yangguang.simulator.sunspec.InverterRegisters;

/**
 * Turns an AC power (already rounded to what the W register can carry) into a consistent set of model 103
 * registers, and decodes them back into {@link ServedValues}.
 *
 * <p>Every derived quantity comes from the served power, so a client checking its own arithmetic (VA from W and
 * PF, current from VA and voltage, DC power from AC power and efficiency) finds it consistent. The grid is the
 * Chinese low-voltage grid: 220 V phase, 380 V line, 50 Hz.
 */
final class Electrics {

    static final double NOMINAL_PHASE_V = 220.0;
    /** Phases are never perfectly balanced; fixed offsets keep the three readings distinguishable in tests. */
    private static final double[] PHASE_OFFSET_V = {0.4, -0.3, 0.1};
    /** Voltage rises with export at the point of connection (long rural feeders). */
    private static final double VOLTAGE_RISE_AT_FULL_LOAD_V = 2.0;
    static final double POWER_FACTOR_PRODUCING = 0.99;
    /** DC to AC conversion efficiency of a modern string inverter near rated load. */
    static final double EFFICIENCY = 0.98;
    /** MPP voltage of a typical 50 kW string array, rising a little with irradiance. */
    private static final double MPP_VOLTAGE_LOW_V = 560.0;
    private static final double MPP_VOLTAGE_SPAN_V = 80.0;
    private static final double AMBIENT_C = 15.0;

    private Electrics() {
    }

    static InverterRegisters registers(long acPowerW, long ratedPowerW, long energyWh, int state, long evt1,
                                       ScaleFactors sf) {
        double load = (double) acPowerW / ratedPowerW;
        boolean producing = acPowerW > 0;
        double pf = producing ? POWER_FACTOR_PRODUCING : 1.0;
        double va = acPowerW / pf;
        double var = Math.sqrt(Math.max(0.0, va * va - (double) acPowerW * acPowerW));

        double[] phaseV = new double[3];
        int[] phaseVRaw = new int[3];
        int[] phaseARaw = new int[3];
        for (int p = 0; p < 3; p++) {
            phaseV[p] = NOMINAL_PHASE_V + PHASE_OFFSET_V[p] + VOLTAGE_RISE_AT_FULL_LOAD_V * load;
            phaseVRaw[p] = raw(phaseV[p], sf.voltage());
            phaseARaw[p] = raw(va / 3.0 / phaseV[p], sf.current());
        }
        double dcW = producing ? acPowerW / EFFICIENCY : 0.0;
        double dcV = producing ? MPP_VOLTAGE_LOW_V + MPP_VOLTAGE_SPAN_V * load : 0.0;
        double dcA = producing ? dcW / dcV : 0.0;

        return new InverterRegisters(
                phaseARaw[0] + phaseARaw[1] + phaseARaw[2], phaseARaw[0], phaseARaw[1], phaseARaw[2], sf.current(),
                raw(lineVoltage(phaseV[0], phaseV[1]), sf.voltage()),
                raw(lineVoltage(phaseV[1], phaseV[2]), sf.voltage()),
                raw(lineVoltage(phaseV[2], phaseV[0]), sf.voltage()),
                phaseVRaw[0], phaseVRaw[1], phaseVRaw[2], sf.voltage(),
                raw(acPowerW, sf.power()), sf.power(),
                raw(50.0, sf.frequency()), sf.frequency(),
                raw(va, sf.power()), sf.power(),
                raw(var, sf.power()), sf.power(),
                raw(pf * 100.0, sf.powerFactor()), sf.powerFactor(),
                energyWh & 0xFFFF_FFFFL, sf.energy(),
                raw(dcA, sf.current()), sf.current(),
                raw(dcV, sf.voltage()), sf.voltage(),
                raw(dcW, sf.power()), sf.power(),
                raw(AMBIENT_C + 20.0 * load, sf.temperature()), raw(AMBIENT_C + 35.0 * load, sf.temperature()),
                sf.temperature(),
                state, evt1, 0L);
    }

    /** Served values are decoded from the registers themselves, so they are by construction what a client sees. */
    static ServedValues decode(Instant at, int unit, long energyWh, InverterRegisters r) {
        return new ServedValues(at, unit,
                scaledLong(r.w(), r.wSf()), energyWh,
                scaledLong(r.va(), r.vaSf()), scaledLong(r.var(), r.varSf()),
                scaled(r.pf(), r.pfSf()),
                scaled(r.a(), r.aSf()), scaled(r.aphA(), r.aSf()), scaled(r.aphB(), r.aSf()), scaled(r.aphC(), r.aSf()),
                scaled(r.ppvphAB(), r.vSf()), scaled(r.ppvphBC(), r.vSf()), scaled(r.ppvphCA(), r.vSf()),
                scaled(r.phvphA(), r.vSf()), scaled(r.phvphB(), r.vSf()), scaled(r.phvphC(), r.vSf()),
                scaled(r.hz(), r.hzSf()),
                scaled(r.dca(), r.dcaSf()), scaled(r.dcv(), r.dcvSf()), scaledLong(r.dcw(), r.dcwSf()),
                scaled(r.tmpCab(), r.tmpSf()), scaled(r.tmpSnk(), r.tmpSf()),
                r.st(), r.evt1());
    }

    /** The W register for a power: rounds to the resolution the scale factor allows. */
    static long quantizeW(double powerW, ScaleFactors sf) {
        return scaledLong(raw(powerW, sf.power()), sf.power());
    }

    /** Line-to-line voltage of two phases 120° apart. */
    private static double lineVoltage(double v1, double v2) {
        return Math.sqrt(v1 * v1 + v2 * v2 + v1 * v2);
    }

    private static int raw(double value, int scaleFactor) {
        return (int) Math.round(value / Math.pow(10, scaleFactor));
    }

    private static double scaled(int raw, int scaleFactor) {
        return BigDecimal.valueOf(raw, -scaleFactor).doubleValue();
    }

    private static long scaledLong(int raw, int scaleFactor) {
        return BigDecimal.valueOf(raw, -scaleFactor).longValueExact();
    }
}
