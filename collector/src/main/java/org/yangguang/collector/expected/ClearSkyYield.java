package org.yangguang.collector.expected;

import org.yangguang.contract.sun.SolarPosition;

import java.time.Instant;

/**
 * What one kWp of PV would yield under a clear sky at a station, in Wh per kWp, for expected energy where no
 * healthy peer inverter is left to compare with. Irradiance is Haurwitz's (1945) clear-sky global horizontal model,
 * {@code G = 1098 · cos z · exp(−0.057 / cos z)} W/m² for the sun's zenith angle z, which needs nothing but the
 * sun's position ({@link SolarPosition}) — all a county registry knows of a station is where it is. One kWp yields
 * G / 1000 kW at that irradiance; the station's own performance ratio ({@link PerformanceRatio}) then absorbs tilt,
 * temperature, soiling, wiring and the weather of the days before.
 *
 * <p>Deliberately not the simulator's sky model (Meinel's, in {@code simulator.sun.ClearSky}): the simulator stands
 * for the real sky in the validation (docs/lost-revenue.md), and pricing it with its own formula would only prove
 * that a formula agrees with itself.
 */
public final class ClearSkyYield {
    private static final long STEP_MS = 60_000;

    private ClearSkyYield() {
    }

    /** Clear-sky global horizontal irradiance in W/m² with the sun {@code elevationDeg} above the horizon. */
    public static double irradiance(double elevationDeg) {
        if (elevationDeg <= 0) {
            return 0;
        }
        double cosZenith = Math.sin(Math.toRadians(elevationDeg));
        return 1098 * cosZenith * Math.exp(-0.057 / cosZenith);
    }

    /** Wh per kWp over [fromMs, toMs) at the place: the irradiance integrated with one-minute trapezoids. */
    public static double whPerKwp(double latDeg, double lonDeg, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return 0;
        }
        double wh = 0;
        double previous = irradiance(SolarPosition.elevationDeg(latDeg, lonDeg, Instant.ofEpochMilli(fromMs)));
        for (long t = fromMs; t < toMs; ) {
            long next = Math.min(toMs, t + STEP_MS);
            double g = irradiance(SolarPosition.elevationDeg(latDeg, lonDeg, Instant.ofEpochMilli(next)));
            wh += (previous + g) / 2 * (next - t) / 3_600_000.0; // W/m² over hours = Wh per kWp (1 kWp at 1000 W/m²)
            previous = g;
            t = next;
        }
        return wh;
    }
}
