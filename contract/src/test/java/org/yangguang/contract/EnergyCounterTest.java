package org.yangguang.contract;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.EnergyCounter.Reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EnergyCounterTest {
    private static Reading r(long ts, double v) {
        return new Reading(ts, v);
    }

    @Test
    void aReplacementWhoseCounterStartsAboveTheOldOneIsNotProduction() {
        // old unit 1,000 -> 1,200; swapped at 300 to a refurbished unit reading 50,000 -> 50,400
        List<Reading> rs = List.of(r(100, 1_000), r(200, 1_200), r(300, 50_000), r(400, 50_400));
        assertThat(EnergyCounter.noSwaps().sum(rs)).as("without the swap the jump is production").isEqualTo(49_400);
        EnergyCounter swapped = EnergyCounter.withSwaps(List.of(300L));
        assertThat(swapped.sum(rs)).isEqualTo(200 + 400);
        assertThat(swapped.telescopes(r(100, 1_000), r(400, 50_400), false)).isFalse();
        assertThat(swapped.telescopes(r(300, 50_000), r(400, 50_400), false)).isTrue();
        assertThat(swapped.telescopes(r(300, 50_000), r(400, 50_400), true)).as("a step down between").isFalse();
        assertThat(swapped.units(100, 400)).containsExactly(new EnergyCounter.Unit(100, 300), new EnergyCounter.Unit(300, 401));
    }

    @Test
    void aReplacementWhoseCounterStartsBelowAndAResetBothCountTheirStepAsNothing() {
        EnergyCounter swapped = EnergyCounter.withSwaps(List.of(250L));
        assertThat(swapped.sum(List.of(r(100, 9_000), r(200, 9_500), r(300, 10), r(400, 60)))).isEqualTo(550);
        assertThat(EnergyCounter.noSwaps().sum(List.of(r(100, 9_000), r(200, 9_500), r(300, 10), r(400, 60))))
                .as("a reset without a swap").isEqualTo(550);
    }

    @Test
    void theSwapTimeBelongsToTheNewUnit() {
        EnergyCounter c = EnergyCounter.withSwaps(List.of(300L));
        assertThat(c.swapBetween(200, 300)).isTrue();
        assertThat(c.swapBetween(300, 400)).isFalse();
        assertThat(c.step(r(300, 5), r(400, 9))).isEqualTo(4);
    }

    @Test
    void theEndsOfAStretchGiveItsEnergyWheneverTheyMayAndEveryReadingOtherwise() {
        Random rnd = new Random(16);
        for (int run = 0; run < 2_000; run++) {
            List<Reading> rs = new ArrayList<>();
            List<Long> swaps = new ArrayList<>();
            double v = rnd.nextInt(1_000_000);
            for (long ts = 0; ts < 40; ts++) {
                int what = rnd.nextInt(30);
                if (what == 0) {
                    swaps.add(ts);
                    v = rnd.nextInt(2_000_000);
                } else if (what == 1) {
                    v = rnd.nextInt(100);
                } else {
                    v += rnd.nextInt(500);
                }
                rs.add(r(ts, v));
            }
            EnergyCounter c = EnergyCounter.withSwaps(swaps);
            double all = c.sum(rs);
            // cut into the units and use last - first where it telescopes, as the readers of coarse data do
            double byUnits = 0;
            for (EnergyCounter.Unit u : c.units(0, 39)) {
                List<Reading> in = rs.stream().filter(x -> x.ts() >= u.from() && x.ts() < u.to()).toList();
                Reading first = in.get(0);
                Reading last = in.get(in.size() - 1);
                boolean wentDown = false;
                for (int i = 1; i < in.size(); i++) {
                    wentDown |= in.get(i).value() < in.get(i - 1).value();
                }
                byUnits += c.telescopes(first, last, wentDown) ? last.value() - first.value() : c.sum(in);
            }
            assertThat(byUnits).as("run %d", run).isEqualTo(all);
        }
    }
}
