package org.yangguang.collector.expected;

import java.time.LocalDate;

/**
 * A station's own performance ratio for the modelled method: what its healthy inverters actually produced in
 * daylight over the {@link #WINDOW_DAYS} days before a day, against what the clear sky would have given their kWp
 * ({@link ClearSkyYield}). It carries everything the clear-sky model leaves out — the weather of the week, tilt,
 * temperature, soiling, shading, wiring and inverter losses — as one number. Too little history (a new station, a
 * week of outage) means no ratio, said in words, never a guess.
 */
public final class PerformanceRatio {
    public static final int WINDOW_DAYS = 7;
    /**
     * Clear-sky yield per kWp of the station that the healthy history must hold: about a third of a clear June day,
     * or most of a December one.
     */
    static final double MIN_HISTORY_WH_PER_KWP = 2_000;

    /** The ratio, or {@code missing}: why there is none (for the "unavailable" note). */
    public record Result(Double ratio, String missing) {
    }

    private PerformanceRatio() {
    }

    /**
     * @param sums     {@link ExpectedEnergy#healthyDaylight}: actual and clear-sky Wh of the healthy history
     * @param kwpTotal the station's inverters' kWp
     */
    public static Result of(String station, LocalDate day, double[] sums, double kwpTotal) {
        double needed = MIN_HISTORY_WH_PER_KWP * kwpTotal;
        if (!(kwpTotal > 0) || sums[1] < needed) {
            return new Result(null, String.format(java.util.Locale.ROOT,
                    "too little healthy history in the %d days before %s to know the performance ratio of %s"
                            + " (%.0f of the %.0f kWh of clear-sky yield needed)",
                    WINDOW_DAYS, day, station, sums[1] / 1000, needed / 1000));
        }
        return new Result(sums[0] / sums[1], null);
    }
}
