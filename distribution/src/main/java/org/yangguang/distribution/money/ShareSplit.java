package org.yangguang.distribution.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The</b> one way Yangguang splits an amount of money by shares: a station's revenue among its villages, a
 * receipt among the parts of its energy period, a plan among its categories, a category among its households.
 * Anyone who needs to divide fen by shares (e.g. pricing lost revenue by village shares) calls this.
 *
 * <p>Shares are exact: integer parts of a whole ({@code 1, 1, 1} of {@code 3} are thirds, not 33.333333 %), or
 * decimals, which are scaled to integers without loss. The <b>rest</b> ({@code whole − Σ parts}) is a party of
 * its own, listed last: money that belongs to someone outside the list (a partner's share, "undistributed").
 * With shares summing to the whole there is no rest and every fen goes to a listed party.
 *
 * <p><b>Method</b>: largest remainder (Hamilton). Each party gets the floor of its exact quota
 * {@code total × part / whole}; the fen left over (fewer than the number of parties) go one each to the parties
 * with the largest remainders. <b>Tie-break</b>: equal remainders (compared as exact rationals) go to the party
 * listed <b>first</b>; callers list parties in their documented order (villages by id, categories in policy
 * order, households by id) and the rest comes last. A negative total is the exact mirror of the positive split,
 * so a reversal undoes a split fen for fen. The parts always add up to the total (checked, {@link Conservation}).
 */
public final class ShareSplit {
    private ShareSplit() {
    }

    /** The parts in the order the shares were given, and the rest. */
    public record Result(List<Fen> parts, Fen rest) {
        public Fen part(int i) {
            return parts.get(i);
        }
    }

    /** Integer parts of a whole ({@code whole ≥ Σ parts}, every part ≥ 0). */
    public static Result split(Fen total, List<Long> parts, long whole) {
        List<BigDecimal> shares = new ArrayList<>(parts.size());
        for (Long p : parts) {
            shares.add(BigDecimal.valueOf(p));
        }
        return split(total, shares, BigDecimal.valueOf(whole));
    }

    /** Decimal shares of a decimal whole (e.g. percents of 100); exact, whatever their scales. */
    public static Result split(Fen total, List<BigDecimal> shares, BigDecimal whole) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < shares.size(); i++) {
            BigDecimal s = shares.get(i);
            if (s == null || s.signum() < 0) {
                throw new IllegalArgumentException("share " + i + " must be non-negative, was " + s);
            }
            sum = sum.add(s);
        }
        BigDecimal rest = whole.subtract(sum);
        if (rest.signum() < 0) {
            throw new IllegalArgumentException("shares add up to " + sum.toPlainString() + ", more than the whole "
                    + whole.toPlainString());
        }
        List<BigDecimal> weights = new ArrayList<>(shares);
        weights.add(rest);
        List<Fen> all = LargestRemainder.split(total, weights);
        return new Result(List.copyOf(all.subList(0, shares.size())), all.get(shares.size()));
    }

    /** Weights with no rest: the whole is their sum (labour days, energy of the parts of a period). */
    public static List<Fen> byWeights(Fen total, List<BigDecimal> weights) {
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return split(total, weights, sum).parts();
    }
}
