package org.yangguang.distribution.money;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LargestRemainderTest {

    private static List<BigDecimal> w(String... weights) {
        return java.util.Arrays.stream(weights).map(BigDecimal::new).toList();
    }

    @Test
    void equalWeightsGiveTheLeftoverToTheFirstParties() {
        assertThat(LargestRemainder.split(10, w("1", "1", "1"))).containsExactly(4, 3, 3);
        assertThat(LargestRemainder.split(11, w("1", "1", "1"))).containsExactly(4, 4, 3);
    }

    @Test
    void largestRemainderWinsBeforeListOrder() {
        // quotas 400.4, 350.35, 250.25: floors 1000, the one fen left goes to remainder 0.4 (the first party)
        assertThat(LargestRemainder.split(1001, w("40", "35", "25"))).containsExactly(401, 350, 250);
        // quotas 41975.2, 36728.3, 26234.5: the fen goes to the third party (remainder 0.5)
        assertThat(LargestRemainder.split(104938, w("40", "35", "25"))).containsExactly(41975, 36728, 26235);
    }

    @Test
    void remaindersAreComparedExactlyAcrossDifferentScales() {
        // 1/3 each written with different scales: 0.5 vs 0.50 are the same weight; ties go to the earlier party
        assertThat(LargestRemainder.split(1, w("0.5", "0.50"))).containsExactly(1, 0);
        assertThat(LargestRemainder.split(2, w("1", "1.0", "1.00"))).containsExactly(1, 1, 0);
    }

    @Test
    void zeroWeightGetsNothingUnlessAllAreZeroAndTotalIsZero() {
        assertThat(LargestRemainder.split(7, w("0", "1"))).containsExactly(0, 7);
        assertThat(LargestRemainder.split(0, w("0", "0"))).containsExactly(0, 0);
        assertThatThrownBy(() -> LargestRemainder.split(5, w("0", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to zero");
    }

    @Test
    void negativeWeightIsRejected() {
        assertThatThrownBy(() -> LargestRemainder.split(5, w("1", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 1 must be non-negative");
    }

    @Test
    void hugeAmountsTakeTheExactPathWithTheSameRules() {
        // total x weight overflows a long: the BigInteger path gives the same kind of answer
        long total = Long.MAX_VALUE / 2;
        long[] parts = LargestRemainder.split(total, w("1", "1", "1"));
        assertThat(parts[0] + parts[1] + parts[2]).isEqualTo(total);
        assertThat(parts[0] - parts[2]).isBetween(0L, 1L);
        assertThat(LargestRemainder.split(total, w("3", "0"))).containsExactly(total, 0);
    }

    @Test
    void negativeTotalIsTheMirrorOfThePositiveSplit() {
        assertThat(LargestRemainder.split(-10, w("1", "1", "1"))).containsExactly(-4, -3, -3);
    }

    @Test
    void fenOverloadKeepsOrder() {
        assertThat(LargestRemainder.split(Fen.of(5), w("1", "1")))
                .containsExactly(Fen.of(3), Fen.of(2));
    }

    @Property(tries = 500)
    void partsAddUpAndStayWithinOneFenOfTheirQuota(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long total,
                                                    @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1_000_000) Integer> raw,
                                                    @ForAll @IntRange(min = 0, max = 6) int scale) {
        List<BigDecimal> weights = raw.stream().map(i -> BigDecimal.valueOf(i, scale)).toList();
        BigInteger sum = raw.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        if (sum.signum() == 0) {
            return;
        }
        long[] parts = LargestRemainder.split(total, weights);
        long added = 0;
        for (int i = 0; i < parts.length; i++) {
            added += parts[i];
            BigInteger exact = BigInteger.valueOf(total).multiply(BigInteger.valueOf(raw.get(i)));
            BigInteger floor = exact.signum() >= 0 ? exact.divide(sum)
                    : exact.subtract(sum).add(BigInteger.ONE).divide(sum);
            // |part - quota| < 1: the part is floor(quota) or the next integer away from zero
            assertThat(BigInteger.valueOf(parts[i]).subtract(floor).abs().longValue()).isLessThanOrEqualTo(1);
            if (raw.get(i) == 0) {
                assertThat(parts[i]).isZero();
            }
        }
        assertThat(added).isEqualTo(total);
    }
}
