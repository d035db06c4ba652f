package org.yangguang.distribution.allocation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.revenue.RevenueCalculator;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.revenue.VillageRevenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conservation to the fen over random policies, plans and joint-station shares (issue 12): whatever the
 * policy bounds, category percents, weights, fixed amounts and caps, every fen of a station's gross ends up in
 * exactly one place: a household or project line, a category's unspent remainder, a village's undistributed
 * balance, or the station's undistributed part.
 */
class AllocationPropertiesTest {
    private static final Basis[] BASES = Basis.values();

    /** A random but valid (policy, request) pair, built from one seed so that failures shrink and replay. */
    record Case(Policy policy, AllocationRequest request) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs().between(0, 50_000_000_000L), Arbitraries.longs())
                .as(AllocationPropertiesTest::build);
    }

    static Case build(long amount, long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(6);
        List<Policy.Category> categories = new ArrayList<>();
        List<AllocationRequest.CategoryShare> shares = new ArrayList<>();
        List<AllocationRequest.Line> lines = new ArrayList<>();
        int left = 1_000_000; // percent × 10^4
        for (int i = 0; i < n; i++) {
            int pct = i == n - 1 && rnd.nextBoolean() ? left : rnd.nextInt(left + 1);
            left -= pct;
            BigDecimal percent = BigDecimal.valueOf(pct, 4);
            Basis basis = BASES[rnd.nextInt(BASES.length)];
            Long cap = rnd.nextInt(3) == 0 ? (long) rnd.nextInt(1_000_000) : null;
            // bounds that admit any payment: the bounds have their own tests, this one is about every fen
            BigDecimal min = BigDecimal.ZERO;
            BigDecimal max = BigDecimal.valueOf(100);
            String code = "C" + i;
            categories.add(new Policy.Category(code, code, basis, min, max, null, LabourRequirement.ANY, cap));
            shares.add(new AllocationRequest.CategoryShare(code, percent));
            long floorBudget = BigDecimal.valueOf(amount).multiply(percent).divide(BigDecimal.valueOf(100))
                    .longValue();
            int count = basis == Basis.RETAINED ? 0 : rnd.nextInt(8);
            for (int k = 0; k < count; k++) {
                long household = 1 + k * 10_000L + rnd.nextInt(10_000); // one line per household and category
                switch (basis) {
                    case WEIGHTED -> lines.add(new AllocationRequest.Line(code, household, null,
                            HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL,
                            BigDecimal.valueOf(rnd.nextInt(1000), rnd.nextInt(3)), null, LineBasis.LABOUR, null));
                    case POST_WAGE -> lines.add(new AllocationRequest.Line(code, household, household,
                            HouseholdStatus.MONITORED, LabourCapacity.PARTIAL, null,
                            floorBudget / count == 0 ? 0 : Math.floorMod(rnd.nextLong(), floorBudget / count + 1),
                            LineBasis.POST, "p", household, null));
                    case PROJECT -> {
                        if (floorBudget / count > 0) { // a project line pays at least a fen
                            lines.add(new AllocationRequest.Line(code, null, null, null, null, null,
                                    1 + Math.floorMod(rnd.nextLong(), floorBudget / count), LineBasis.NONE, "project",
                                    null, (long) k));
                        }
                    }
                    default -> { }
                }
            }
        }
        Policy policy = new Policy("x", 2026, 1, "random", categories, List.of(), List.of(), "no flat split");
        return new Case(policy, new AllocationRequest(amount, shares, lines));
    }

    @Property(tries = 400)
    void everyFenIsAccountedFor(@ForAll("cases") Case c) {
        AllocationResult r = AllocationEngine.allocate(c.policy(), c.request());
        long total = r.undistributedFen();
        for (AllocationResult.CategoryResult cat : r.categories()) {
            long inCategory = cat.unspentFen();
            assertThat(cat.unspentFen()).isNotNegative();
            Policy.Category rule = c.policy().category(cat.code()).orElseThrow();
            for (AllocationResult.LineResult line : cat.lines()) {
                assertThat(line.amountFen()).isNotNegative();
                if (rule.perHouseholdCapFen() != null && line.householdId() != null) {
                    assertThat(line.amountFen()).isLessThanOrEqualTo(rule.perHouseholdCapFen());
                }
                inCategory += line.amountFen();
            }
            assertThat(inCategory).isEqualTo(cat.budgetFen());
            total += cat.budgetFen();
        }
        assertThat(r.undistributedFen()).isNotNegative();
        assertThat(total).isEqualTo(c.request().amountFen());
    }

    @Property(tries = 200)
    void fromStationGrossToHouseholds(@ForAll("grosses") long gross, @ForAll("seeds") long seed) {
        Random rnd = new Random(seed);
        int villages = 1 + rnd.nextInt(12);
        List<Owners.Owner> shares = new ArrayList<>();
        long whole = 1 + rnd.nextInt(1_000_000);
        long left = whole;
        for (int v = 0; v < villages; v++) {
            long parts = v == villages - 1 && rnd.nextBoolean() ? left : (long) (rnd.nextDouble() * (left + 1));
            left -= parts;
            shares.add(new Owners.Owner(v + 1, "v" + v, "v" + v, parts));
        }
        LocalDate day = LocalDate.of(2026, 1, 1);
        RevenueCalculator.Split split = RevenueCalculator.split(Fen.of(gross), new Owners(day, day, whole, shares, 0));
        long accounted = split.undistributed().value();
        for (VillageRevenue vr : split.villages()) {
            Case c = build(vr.revenueFen(), rnd.nextLong());
            AllocationResult r = AllocationEngine.allocate(c.policy(), c.request());
            long village = r.undistributedFen();
            for (AllocationResult.CategoryResult cat : r.categories()) {
                village += cat.unspentFen() + cat.lines().stream().mapToLong(AllocationResult.LineResult::amountFen).sum();
            }
            assertThat(village).isEqualTo(vr.revenueFen());
            accounted += village;
        }
        assertThat(accounted).isEqualTo(gross);
    }

    @Provide
    Arbitrary<Long> grosses() {
        return Arbitraries.longs().between(0, 10_000_000_000L);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
