package org.yangguang.distribution.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * An amount of money in fen (分, 0.01 yuan), held as a {@code long}. Arithmetic is exact: every operation
 * throws {@link ArithmeticException} on overflow instead of wrapping, and conversions from yuan refuse to
 * drop digits silently. Rounding happens only where a rule says so, through {@link #roundHalfUp(BigDecimal)}.
 */
public record Fen(long value) implements Comparable<Fen> {
    public static final Fen ZERO = new Fen(0);
    /**
     * The largest single amount accepted from outside (a receipt, a statement, a wage, a budget): 10^13 fen =
     * 100,000,000,000.00 yuan, far above any county's yearly revenue. Anything larger is a typo or an attack and
     * is refused with the field named; sums of such inputs are added exactly and never wrap.
     */
    public static final long MAX_INPUT = 10_000_000_000_000L;

    public static Fen of(long fen) {
        return new Fen(fen);
    }

    /** Exact conversion; "12.345" yuan is rejected rather than rounded. */
    public static Fen ofYuan(BigDecimal yuan) {
        return new Fen(yuan.movePointRight(2).longValueExact());
    }

    public static Fen ofYuan(String yuan) {
        return ofYuan(new BigDecimal(yuan));
    }

    /** Rounds an amount already expressed in fen to a whole fen, halves away from zero (HALF_UP). */
    public static Fen roundHalfUp(BigDecimal fen) {
        return new Fen(fen.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    public static Fen sum(Collection<Fen> amounts) {
        long total = 0;
        for (Fen f : amounts) {
            total = Math.addExact(total, f.value);
        }
        return new Fen(total);
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    public Fen times(long factor) {
        return new Fen(Math.multiplyExact(value, factor));
    }

    public Fen negate() {
        return new Fen(Math.negateExact(value));
    }

    public boolean isNegative() {
        return value < 0;
    }

    public boolean isZero() {
        return value == 0;
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(value, 2);
    }

    @Override
    public int compareTo(Fen o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return toYuan().toPlainString() + " yuan";
    }
}
