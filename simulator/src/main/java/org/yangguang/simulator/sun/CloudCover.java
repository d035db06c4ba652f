package org.yangguang.simulator.sun;

import java.time.Instant;

/**
 * Passing clouds: a smooth, seeded random attenuation shared by the whole station (one village station sits under
 * one sky).
 *
 * <p>The factor is a pure function of (seed, instant): every {@link #CELL_MILLIS} gets a random cloud density from a
 * hash of the seed and the cell number, and the density is interpolated smoothly between cells. So two runs with
 * the same seed serve the same values whatever their refresh rhythm, and a test can reproduce any moment.
 */
public final class CloudCover {

    /** Clouds change over minutes, not seconds. */
    static final long CELL_MILLIS = 5 * 60_000L;

    private final double cloudiness;
    private final long seed;

    /**
     * @param cloudiness 0 = always clear, 1 = a cloud can block all light; the mean loss is about half of it
     */
    public CloudCover(double cloudiness, long seed) {
        if (!(cloudiness >= 0.0 && cloudiness <= 1.0)) {
            throw new IllegalArgumentException("cloudiness must be within [0, 1], got " + cloudiness);
        }
        this.cloudiness = cloudiness;
        this.seed = seed;
    }

    /** Fraction of clear-sky light that gets through, in [1 − cloudiness, 1]. */
    public double factor(Instant at) {
        if (cloudiness == 0.0) {
            return 1.0;
        }
        long millis = at.toEpochMilli();
        long cell = Math.floorDiv(millis, CELL_MILLIS);
        double frac = (millis - cell * CELL_MILLIS) / (double) CELL_MILLIS;
        double smooth = frac * frac * (3.0 - 2.0 * frac);
        double density = density(cell) + (density(cell + 1) - density(cell)) * smooth;
        return 1.0 - cloudiness * density;
    }

    /** Uniform in [0, 1), squared so that clear spells are more common than heavy clouds. */
    private double density(long cell) {
        double u = (mix(seed ^ (cell * 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
        return u * u;
    }

    /** SplitMix64 finalizer: a good 64-bit mix for turning (seed, cell) into independent-looking values. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
