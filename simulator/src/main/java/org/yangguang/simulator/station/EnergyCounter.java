package org.yangguang.simulator.station;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * An inverter's lifetime AC energy in whole Wh, integrated exactly from power samples with the trapezoid rule.
 *
 * <p>Each step adds {@code (P0 + P1) / 2 × Δt}. Work is kept in half-watt-nanoseconds, an integer, and only whole
 * Wh move to the counter; the rest is carried to the next step. So no energy is lost to rounding however often
 * the station refreshes, and a constant 25 kW for exactly one hour adds exactly 25,000 Wh.
 */
final class EnergyCounter {

    /** One Wh = 3600 s × 1e9 ns, doubled because the trapezoid sums two samples. */
    private static final BigInteger HALF_WATT_NANOS_PER_WH = BigInteger.valueOf(2L * 3_600L * 1_000_000_000L);

    private long wattHours;
    private long remainder;
    private Instant lastAt;
    private long lastPowerW;

    EnergyCounter(long initialWattHours) {
        if (initialWattHours < 0) {
            throw new IllegalArgumentException("energy must not be negative, got " + initialWattHours);
        }
        this.wattHours = initialWattHours;
    }

    /** Adds the energy since the previous sample. A sample older than the previous one is ignored. */
    void sample(Instant at, long powerW) {
        if (powerW < 0) {
            throw new IllegalArgumentException("power must not be negative, got " + powerW);
        }
        if (lastAt != null) {
            if (at.isBefore(lastAt)) {
                return;
            }
            long nanos = Duration.between(lastAt, at).toNanos();
            BigInteger work = BigInteger.valueOf(lastPowerW + powerW).multiply(BigInteger.valueOf(nanos))
                    .add(BigInteger.valueOf(remainder));
            BigInteger[] whAndRest = work.divideAndRemainder(HALF_WATT_NANOS_PER_WH);
            wattHours = Math.addExact(wattHours, whAndRest[0].longValueExact());
            remainder = whAndRest[1].longValue();
        }
        lastAt = at;
        lastPowerW = powerW;
    }

    long wattHours() {
        return wattHours;
    }
}
