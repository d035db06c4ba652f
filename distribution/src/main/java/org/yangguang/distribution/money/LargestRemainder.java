package org.yangguang.distribution.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a whole number of fen among parties in proportion to their weights so that the parts add up to the
 * total exactly (largest-remainder, or Hamilton, method).
 *
 * <p>Each party first gets the floor of its exact quota {@code total × w / Σw}; the fen left over (fewer than
 * the number of parties) go one each to the parties with the <b>largest remainders</b>. <b>Tie-break:</b> among
 * equal remainders the party that comes <b>first in the list</b> wins; callers list parties in their documented
 * order (villages by id ascending, households by id ascending, an "undistributed" party last). Quotas are
 * computed in exact integer arithmetic (weights are scaled to integers), so two remainders that are equal as
 * rationals compare equal. A negative total is split as its absolute value and negated, so a reversal is the
 * exact mirror of the original split.
 *
 * <p>The algorithm behind {@link ShareSplit}, which is what the rest of the code calls.
 */
final class LargestRemainder {
    private LargestRemainder() {
    }

    static List<Fen> split(Fen total, List<BigDecimal> weights) {
        long[] parts = split(total.value(), weights);
        List<Fen> out = new ArrayList<>(parts.length);
        for (long p : parts) {
            out.add(Fen.of(p));
        }
        return out;
    }

    static long[] split(long total, List<BigDecimal> weights) {
        if (total < 0) {
            long[] mirrored = split(Math.negateExact(total), weights);
            for (int i = 0; i < mirrored.length; i++) {
                mirrored[i] = -mirrored[i];
            }
            return mirrored;
        }
        int n = weights.size();
        int scale = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal w = weights.get(i);
            if (w == null || w.signum() < 0) {
                throw new IllegalArgumentException("weight " + i + " must be non-negative, was " + w);
            }
            scale = Math.max(scale, w.scale());
        }
        long[] fast = fastSplit(total, weights, scale);
        if (fast != null) {
            Conservation.require(total, fast, "largest-remainder split");
            return fast;
        }
        BigInteger[] w = new BigInteger[n];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            w[i] = weights.get(i).setScale(scale).unscaledValue();
            sum = sum.add(w[i]);
        }
        long[] parts = new long[n];
        if (total == 0) {
            return parts;
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("cannot split " + total + " fen: the weights sum to zero");
        }
        BigInteger t = BigInteger.valueOf(total);
        BigInteger[] remainder = new BigInteger[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = t.multiply(w[i]).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainder[i] = qr[1];
            assigned += parts[i];
        }
        long left = total - assigned;
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, BigInteger>comparing(i -> remainder[i]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < left; k++) {
            parts[order.get(k)]++;
        }
        Conservation.require(total, parts, "largest-remainder split");
        return parts;
    }

    /**
     * The same computation in {@code long} arithmetic, for the common case where every product fits (a
     * county's money times weights with few decimals); null when anything could overflow, and the exact
     * BigInteger path is taken instead. Same quotas, same remainders, same tie-break.
     */
    private static long[] fastSplit(long total, List<BigDecimal> weights, int scale) {
        int n = weights.size();
        long[] w = new long[n];
        long sum = 0;
        try {
            for (int i = 0; i < n; i++) {
                BigDecimal scaled = weights.get(i).setScale(scale);
                if (scaled.unscaledValue().bitLength() > 62) {
                    return null;
                }
                w[i] = scaled.unscaledValue().longValue();
                sum = Math.addExact(sum, w[i]);
            }
            long[] parts = new long[n];
            if (total == 0) {
                return parts;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("cannot split " + total + " fen: the weights sum to zero");
            }
            long[] remainder = new long[n];
            long assigned = 0;
            for (int i = 0; i < n; i++) {
                long product = Math.multiplyExact(total, w[i]);
                parts[i] = product / sum;
                remainder[i] = product % sum;
                assigned += parts[i];
            }
            long left = total - assigned;
            if (left > 0) {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> remainder[a] != remainder[b]
                        ? Long.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
                for (int k = 0; k < left; k++) {
                    parts[order[k]]++;
                }
            }
            return parts;
        } catch (ArithmeticException overflow) {
            return null;
        }
    }
}
