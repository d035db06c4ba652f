package org.yangguang.distribution.money;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one split by shares: exact parts, the rest last, the documented tie-break. */
class ShareSplitTest {

    @Test
    void exactThirdsDistributeEveryFen() {
        // issue 12: 1/3 each cannot be written as a percent with 6 decimals; as parts of 3 it is exact, and
        // the remainder fen belong to the villages (largest remainder, ties to the first listed), never to no one
        ShareSplit.Result r = ShareSplit.split(Fen.of(100), List.of(1L, 1L, 1L), 3);
        assertThat(r.parts()).containsExactly(Fen.of(34), Fen.of(33), Fen.of(33));
        assertThat(r.rest()).isEqualTo(Fen.ZERO);
        ShareSplit.Result percent = ShareSplit.split(Fen.of(100_000_000_000L), List.of(33_333_333L, 33_333_333L,
                33_333_333L), 100_000_000L);
        assertThat(percent.rest().value()).as("33.333333 % thrice leaves 0.000001 % to no one").isEqualTo(1_000L);
        assertThat(ShareSplit.split(Fen.of(100_000_000_000L), List.of(1L, 1L, 1L), 3).rest()).isEqualTo(Fen.ZERO);
    }

    @Test
    void theRestIsOnlyWhatTheSharesLeave() {
        ShareSplit.Result r = ShareSplit.split(Fen.of(1001), List.of(40L, 35L), 100);
        assertThat(r.parts()).containsExactly(Fen.of(401), Fen.of(350));
        assertThat(r.rest()).isEqualTo(Fen.of(250));
        // a tie between the last village and the rest goes to the village (the rest is listed last)
        assertThat(ShareSplit.split(Fen.of(1), List.of(1L), 2).parts()).containsExactly(Fen.of(1));
    }

    @Test
    void sharesAboveTheWholeAreRefused() {
        assertThatThrownBy(() -> ShareSplit.split(Fen.of(10), List.of(2L, 2L), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the whole");
        assertThatThrownBy(() -> ShareSplit.split(Fen.of(10), List.of(-1L, 2L), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    }

    @Test
    void aNegativeTotalMirrorsThePositive() {
        assertThat(ShareSplit.split(Fen.of(-100), List.of(1L, 1L, 1L), 3).parts())
                .containsExactly(Fen.of(-34), Fen.of(-33), Fen.of(-33));
    }

    @Property(tries = 300)
    void partsAndRestAlwaysAddUp(@ForAll @LongRange(min = -Fen.MAX_INPUT, max = Fen.MAX_INPUT) long total,
                                 @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1000) Integer> raw,
                                 @ForAll @IntRange(min = 0, max = 5000) int slack) {
        List<Long> parts = raw.stream().map(Integer::longValue).toList();
        long whole = parts.stream().mapToLong(Long::longValue).sum() + slack;
        if (whole == 0) {
            return;
        }
        ShareSplit.Result r = ShareSplit.split(Fen.of(total), parts, whole);
        Fen sum = Fen.sum(r.parts()).plus(r.rest());
        assertThat(sum).isEqualTo(Fen.of(total));
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == 0) {
                assertThat(r.part(i)).isEqualTo(Fen.ZERO);
            }
        }
    }

    @Test
    void decimalsAreScaledWithoutLoss() {
        assertThat(ShareSplit.byWeights(Fen.of(3), List.of(new BigDecimal("0.5"), new BigDecimal("0.50"),
                new BigDecimal("0.500")))).containsExactly(Fen.of(1), Fen.of(1), Fen.of(1));
    }
}
