package org.yangguang.distribution.revenue;

import org.junit.jupiter.api.Test;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Owners;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed cases of the gross rule and the split by owners (see RevenueCalculator for the rules). */
class RevenueCalculatorTest {
    private static final BigDecimal TARIFF = new BigDecimal("0.8500");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    private static Owners.Owner owner(long id, long parts) {
        return new Owners.Owner(id, "v" + id, "村" + id, parts);
    }

    private static Owners owners(long whole, Owners.Owner... villages) {
        return new Owners(DAY, DAY, whole, List.of(villages), 0);
    }

    @Test
    void grossIsEnergyTimesTariffRoundedHalfUpOnce() {
        // 1,234.567 kWh x 0.85 = 1,049.38195 yuan = 104,938.195 fen -> 104,938
        assertThat(RevenueCalculator.gross(1_234_567, TARIFF)).isEqualTo(Fen.of(104_938));
        // 0.100 kWh x 0.85 = 8.5 fen exactly: half up gives 9 (half-even would give 8)
        assertThat(RevenueCalculator.gross(100, TARIFF)).isEqualTo(Fen.of(9));
        // 0.010 kWh x 0.85 = 0.85 fen -> 1; 0.005 kWh -> 0.425 fen -> 0
        assertThat(RevenueCalculator.gross(10, TARIFF)).isEqualTo(Fen.of(1));
        assertThat(RevenueCalculator.gross(5, TARIFF)).isEqualTo(Fen.of(0));
        // one year of a 300 kWp station at 1,500 h: 450,000 kWh x 0.85 = 382,500.00 yuan
        assertThat(RevenueCalculator.gross(450_000_000L, TARIFF)).isEqualTo(Fen.ofYuan("382500.00"));
    }

    @Test
    void fortyThirtyFiveTwentyFive() {
        RevenueCalculator.Split s = RevenueCalculator.split(Fen.of(104_938), owners(100, owner(1, 40), owner(2, 35),
                owner(3, 25)));
        // quotas 41,975.2 / 36,728.3 / 26,234.5: the last fen goes to the largest remainder (village 3)
        assertThat(s.villages()).extracting(VillageRevenue::village, VillageRevenue::revenueFen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", 41_975L),
                        org.assertj.core.groups.Tuple.tuple("v2", 36_728L),
                        org.assertj.core.groups.Tuple.tuple("v3", 26_235L));
        assertThat(s.undistributed()).isEqualTo(Fen.ZERO);
        assertThat(s.villages().get(0).share()).isEqualByComparingTo("40");
        assertThat(s.villages().get(0).share().toString()).as("no exponent in JSON").isEqualTo("40");
    }

    @Test
    void thirdsAreExactAndEqualRemaindersGoToTheLowerVillageIdFirst() {
        // 100 fen over exact thirds: quotas 33.33.. each, one fen left, equal remainders -> village 1 gets it;
        // nothing is left to "undistributed" (with 33.333333 % it would have been a share of no one)
        RevenueCalculator.Split s = RevenueCalculator.split(Fen.of(100), owners(3, owner(1, 1), owner(2, 1),
                owner(3, 1)));
        assertThat(s.villages()).extracting(VillageRevenue::revenueFen).containsExactly(34L, 33L, 33L);
        assertThat(s.undistributed()).isEqualTo(Fen.ZERO);
        assertThat(s.villages().get(0).share()).isEqualByComparingTo("33.333333");
    }

    @Test
    void sharesBelowTheWholeLeaveTheRestUndistributed() {
        // 1,001 fen, 40 % + 35 %: quotas 400.4 / 350.35 / undistributed 250.25 -> 401 / 350 / 250
        RevenueCalculator.Split s = RevenueCalculator.split(Fen.of(1001), owners(100, owner(1, 40), owner(2, 35)));
        assertThat(s.villages()).extracting(VillageRevenue::revenueFen).containsExactly(401L, 350L);
        assertThat(s.undistributed()).isEqualTo(Fen.of(250));
    }

    @Test
    void heishuiSixtyFourthsAreExact() {
        // policy-notes §2: 1/64 per village; 58 villages of 64 -> 6/64 undistributed.
        // 6,400 fen: every village exactly 100, undistributed 600.
        List<Owners.Owner> villages = new ArrayList<>();
        for (long id = 1; id <= 58; id++) {
            villages.add(owner(id, 1));
        }
        RevenueCalculator.Split s = RevenueCalculator.split(Fen.of(6_400), new Owners(DAY, DAY, 64, villages, 0));
        assertThat(s.villages()).extracting(VillageRevenue::revenueFen).containsOnly(100L);
        assertThat(s.undistributed()).isEqualTo(Fen.of(600));
    }

    @Test
    void centralizedStationPoolsItsPovertyShareAtCounty() {
        // 1,000 fen, poverty share 42.857143 % (parts of 10^8): pool quota 428.57143, rest 571.42857 -> 429 / 571
        RevenueCalculator.Split s = RevenueCalculator.split(Fen.of(1000), new Owners(DAY, DAY, 100_000_000L, List.of(),
                42_857_143L));
        assertThat(s.countyPool()).isEqualTo(Fen.of(429));
        assertThat(s.undistributed()).isEqualTo(Fen.of(571));
        assertThat(s.villages()).isEmpty();
    }
}
