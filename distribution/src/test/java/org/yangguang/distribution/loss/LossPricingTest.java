package org.yangguang.distribution.loss;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Owners;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The money rules of lost revenue: priced once per episode-day, split by the one share split, conserved. */
class LossPricingTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 14);

    private static Owners owners(long whole, long pool, long... parts) {
        List<Owners.Owner> villages = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            villages.add(new Owners.Owner(i + 1, "v" + (i + 1), "村" + (i + 1), parts[i]));
        }
        return new Owners(DAY, DAY, whole, villages, pool);
    }

    @Test
    void aDayIsPricedOnceHalfUpAndTheLeftoverFenGoToTheFirstOfEqualRemainders() {
        LossPricing.PricedDay d = LossPricing.price(DAY, 10_000, "reference", new BigDecimal("0.8500"),
                owners(100, 0, 40, 35, 25));
        assertThat(d.fen()).isEqualTo(Fen.of(850));
        assertThat(d.parts()).extracting(LossPricing.Part::fen).containsExactly(Fen.of(340), Fen.of(298), Fen.of(212));
        // 0.005 fen rounds up once: 0.059 kWh × 0.85 = 0.05015 yuan = 5.015 fen → 5
        assertThat(LossPricing.price(DAY, 59, null, new BigDecimal("0.85"), owners(1, 0, 1)).fen()).isEqualTo(Fen.of(5));
        assertThat(LossPricing.price(DAY, 100, null, new BigDecimal("0.85"), owners(1, 0, 1)).fen()).isEqualTo(Fen.of(9));
    }

    @Test
    void aCentralizedStationsPovertyShareGoesToThePoolAndTheRestIsNamed() {
        LossPricing.PricedDay d = LossPricing.price(DAY, 123_457, null, new BigDecimal("0.85"),
                new Owners(DAY, DAY, 100_000_000L, List.of(), 30_000_000L));
        assertThat(d.parts()).extracting(LossPricing.Part::party, LossPricing.Part::fen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LossShare.Party.POOL, Fen.of(3148)),
                org.assertj.core.groups.Tuple.tuple(LossShare.Party.REST, Fen.of(7346)));
    }

    @Test
    void negativeEnergyIsRefusedWithTheDay() {
        assertThatThrownBy(() -> LossPricing.price(DAY, -1, null, BigDecimal.ONE, owners(1, 0, 1)))
                .hasMessage("lost energy of 2026-11-14 is negative (-1 Wh)");
    }

    /**
     * For random shares (villages, a pool, parts no one holds) and random days of random energy at random tariffs:
     * every day's parts add up to its fen, every village's sum over the days is within one fen a day of its exact
     * quota, and the whole adds up across villages, pool and rest.
     */
    @Property(tries = 400)
    void conservedToTheFenForRandomSharesAndLosses(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 10_000) Integer> villageParts,
            @ForAll @IntRange(min = 0, max = 5_000) int poolParts, @ForAll @IntRange(min = 0, max = 5_000) int slack,
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 50_000_000) Long> dayWh,
            @ForAll @IntRange(min = 1_000, max = 15_000) int tariffTenThousandths) {
        long[] parts = villageParts.stream().mapToLong(Integer::longValue).toArray();
        long whole = villageParts.stream().mapToLong(Integer::longValue).sum() + poolParts + slack;
        if (whole == 0) {
            whole = 1;
        }
        Owners owners = owners(whole, poolParts, parts);
        BigDecimal tariff = BigDecimal.valueOf(tariffTenThousandths, 4);
        long total = 0;
        long sumParts = 0;
        Map<Long, Long> perVillage = new HashMap<>();
        Map<Long, BigDecimal> exact = new HashMap<>();
        for (int i = 0; i < dayWh.size(); i++) {
            LossPricing.PricedDay d = LossPricing.price(DAY.plusDays(i), dayWh.get(i), null, tariff, owners);
            BigDecimal fen = BigDecimal.valueOf(dayWh.get(i), 3).multiply(tariff).movePointRight(2)
                    .setScale(0, RoundingMode.HALF_UP);
            assertThat(d.fen().value()).isEqualTo(fen.longValueExact());
            long day = 0;
            for (LossPricing.Part p : d.parts()) {
                assertThat(p.fen().isNegative()).isFalse();
                day += p.fen().value();
                if (p.party() == LossShare.Party.VILLAGE) {
                    perVillage.merge(p.villageId(), p.fen().value(), Long::sum);
                    exact.merge(p.villageId(), fen.multiply(BigDecimal.valueOf(p.parts()))
                            .divide(BigDecimal.valueOf(whole), 12, RoundingMode.HALF_EVEN), BigDecimal::add);
                }
            }
            assertThat(day).isEqualTo(d.fen().value());
            total += d.fen().value();
            sumParts += day;
        }
        assertThat(sumParts).isEqualTo(total);
        for (Map.Entry<Long, BigDecimal> e : exact.entrySet()) {
            assertThat(BigDecimal.valueOf(perVillage.get(e.getKey())).subtract(e.getValue()).abs())
                    .isLessThan(BigDecimal.valueOf(dayWh.size()));
        }
    }
}
