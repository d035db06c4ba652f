package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeqRangesTest {
    @Test
    void addingMergesTouchingAndOverlappingRanges() {
        SeqRanges r = new SeqRanges();
        assertThat(r.add(10, 20)).isEqualTo(11);
        assertThat(r.add(22, 30)).isEqualTo(9);
        assertThat(r.toString()).isEqualTo("10-20,22-30");
        assertThat(r.add(21, 21)).as("the missing one joins both").isEqualTo(1);
        assertThat(r.toString()).isEqualTo("10-30");
        assertThat(r.add(5, 40)).as("only the new ones are counted").isEqualTo(15);
        assertThat(r.rangeCount()).isEqualTo(1);
        assertThat(r.count()).isEqualTo(36);
        assertThat(r.first()).isEqualTo(5);
        assertThat(r.last()).isEqualTo(40);
    }

    @Test
    void removingSplitsRangesAndSaysHowManyWereThere() {
        SeqRanges r = SeqRanges.of(1, 100);
        assertThat(r.remove(40, 49)).isEqualTo(10);
        assertThat(r.toString()).isEqualTo("1-39,50-100");
        assertThat(r.remove(30, 60)).isEqualTo(21);
        assertThat(r.missing(1, 100)).extracting(Object::toString).containsExactly("30-60");
        r.removeUpTo(35);
        assertThat(r.toString()).isEqualTo("61-100");
        assertThat(r.rangeOf(70)).isEqualTo(new SeqRanges.Range(61, 100));
        assertThat(r.rangeOf(60)).isNull();
    }

    @Test
    void agreesWithABitSetOnRandomEdits() {
        Random rnd = new Random(13);
        SeqRanges r = new SeqRanges();
        BitSet b = new BitSet();
        for (int i = 0; i < 20_000; i++) {
            int a = rnd.nextInt(500);
            int z = a + rnd.nextInt(20);
            if (rnd.nextInt(3) == 0) {
                long expected = b.get(a, z + 1).cardinality();
                assertThat(r.remove(a, z)).isEqualTo(expected);
                b.clear(a, z + 1);
            } else {
                long expected = (z - a + 1) - b.get(a, z + 1).cardinality();
                assertThat(r.add(a, z)).isEqualTo(expected);
                b.set(a, z + 1);
            }
            int q = rnd.nextInt(520);
            assertThat(r.contains(q)).isEqualTo(b.get(q));
            assertThat(r.count(q, q + 30)).isEqualTo(b.get(q, q + 31).cardinality());
        }
        assertThat(r.count()).isEqualTo(b.cardinality());
        long missing = r.missing(0, 519).stream().mapToLong(SeqRanges.Range::size).sum();
        assertThat(missing).isEqualTo(520 - b.get(0, 520).cardinality());
    }
}
