package org.yangguang.contract;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.math.BigDecimal;

/**
 * A double as the shortest plain decimal that reads back as the same double: integral values without a
 * fraction (counters stay exact), never an exponent (InfluxDB line protocol has none). Written for every value
 * of every reading by the gateway (JSON) and the collector (line protocol), so the common case, a register
 * times a power of ten (230.1 V, 49.98 Hz), is printed directly: when m / 10^k gives back exactly this double
 * for a small k, the decimal "m with k places" parses back to it too (both are the correctly rounded value of
 * the same decimal). Only the rest needs Schubfach's shortest-digit search.
 */
public final class Decimals {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private Decimals() {
    }

    public static String plain(double v) {
        int k = places(v);
        if (k == 0) {
            return Long.toString((long) v);
        }
        if (k > 0) {
            return decimal(scaled(v, k), k);
        }
        String s = NumberOutput.toString(v, true);
        return s.indexOf('E') < 0 && s.indexOf('e') < 0 ? s : new BigDecimal(s).toPlainString();
    }

    /**
     * How many decimal places {@link #plain} writes for {@code v} when it is a register times a power of ten:
     * 0 for an integral value (below 2^53), k for "{@link #scaled scaled(v, k)} with k places", -1 when only the
     * shortest-digit search will do. Writers that print straight into a buffer use this to print the same text.
     */
    public static int places(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            return 0;
        }
        for (int k = 1; k < POW10.length; k++) {
            double m = v * POW10[k];
            if (m == Math.rint(m) && Math.abs(m) < 1e15 && m / POW10[k] == v) {
                return k;
            }
        }
        return -1;
    }

    /** The digits of {@code v} with {@code k} = {@link #places}(v) places, as an integer: 230.1, 1 → 2301. */
    public static long scaled(double v, int k) {
        return (long) (v * POW10[k]);
    }

    /** m × 10^-k written out: -2301, 1 → "-230.1"; 5, 2 → "0.05". */
    private static String decimal(long m, int k) {
        String d = Long.toString(Math.abs(m));
        StringBuilder b = new StringBuilder(d.length() + k + 3);
        if (m < 0) {
            b.append('-');
        }
        int intDigits = d.length() - k;
        if (intDigits <= 0) {
            b.append("0.");
            for (int i = intDigits; i < 0; i++) {
                b.append('0');
            }
            b.append(d);
        } else {
            b.append(d, 0, intDigits).append('.').append(d, intDigits, d.length());
        }
        return b.toString();
    }
}
