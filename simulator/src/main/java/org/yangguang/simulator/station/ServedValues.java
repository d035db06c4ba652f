package org.yangguang.simulator.station;

import java.time.Instant;

/**
 * What one inverter serves right now, decoded the way a correct SunSpec client decodes it (register × 10^SF).
 * Tests compare a client's readings with these values exactly.
 *
 * @param at              the simulated instant of the refresh that produced these registers
 * @param acPowerW        W × 10^W_SF
 * @param acEnergyWh      lifetime energy; the WH register holds it modulo 2^32 (acc32)
 * @param operatingState  St (see {@code SunSpec.OperatingState})
 * @param events1         Evt1 bits
 */
public record ServedValues(
        Instant at,
        int unit,
        long acPowerW,
        long acEnergyWh,
        long apparentPowerVA,
        long reactivePowerVar,
        double powerFactorPct,
        double acCurrentA,
        double currentPhaseA,
        double currentPhaseB,
        double currentPhaseC,
        double voltageAB,
        double voltageBC,
        double voltageCA,
        double voltageAN,
        double voltageBN,
        double voltageCN,
        double frequencyHz,
        double dcCurrentA,
        double dcVoltageV,
        long dcPowerW,
        double cabinetTempC,
        double heatsinkTempC,
        int operatingState,
        long events1) {
}
