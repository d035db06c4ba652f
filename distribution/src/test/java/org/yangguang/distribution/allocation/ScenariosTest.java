package org.yangguang.distribution.allocation;

import org.junit.jupiter.api.Test;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.ShareSplit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Figures from DOMAIN.md reproduced to the fen. */
class ScenariosTest {

    @Test
    void xingCounty291VillagesShare31618900Yuan() {
        // 31,618,900.00 yuan over 291 villages in equal parts: 10,865,601.37... fen each; 109 villages (the
        // first by id) get 108,656.02 yuan, 182 get 108,656.01; the average is 108,656.01 (DOMAIN.md: 108,656)
        Fen total = Fen.ofYuan("31618900.00");
        List<Fen> parts = ShareSplit.byWeights(total, Collections.nCopies(291, BigDecimal.ONE));
        assertThat(Fen.sum(parts)).isEqualTo(total);
        assertThat(parts.subList(0, 109)).containsOnly(Fen.ofYuan("108656.02"));
        assertThat(parts.subList(109, 291)).containsOnly(Fen.ofYuan("108656.01"));
        assertThat(total.toYuan().divide(BigDecimal.valueOf(291), 2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("108656.01");
    }

    @Test
    void linCountyCentralizedStationPays1000HouseholdsThreeThousandEach() {
        // DOMAIN.md: the 30 MWp station's 3,000,000 yuan a year went to 1,000 poor households at 3,000 each;
        // support for households that cannot work is reviewed and approved, so it is not a flat handout
        Policy policy = new Policy("lin", 2019, 1, "Lin County centralized-station pool 2019",
                List.of(new Policy.Category("REWARDS_SUBSIDIES", "奖励补助", Basis.WEIGHTED, BigDecimal.ZERO,
                        BigDecimal.valueOf(100), List.of(HouseholdStatus.REGISTERED_POOR), LabourRequirement.ANY,
                        300_000L)),
                List.of(), List.of(), Policies.FLAT_RULE);
        List<AllocationRequest.Line> lines = new ArrayList<>();
        for (long h = 1; h <= 1000; h++) {
            lines.add(new AllocationRequest.Line("REWARDS_SUBSIDIES", h, null, HouseholdStatus.REGISTERED_POOR,
                    h % 3 == 0 ? LabourCapacity.NONE : LabourCapacity.PARTIAL, BigDecimal.ONE, null,
                    LineBasis.REVIEWED_APPLICATION, "county approval 2019-" + h));
        }
        AllocationResult r = AllocationEngine.allocate(policy, new AllocationRequest(Fen.ofYuan("3000000.00").value(),
                List.of(new AllocationRequest.CategoryShare("REWARDS_SUBSIDIES", BigDecimal.valueOf(100))), lines));
        assertThat(r.categories().get(0).lines()).hasSize(1000)
                .extracting(AllocationResult.LineResult::amountFen).containsOnly(Fen.ofYuan("3000.00").value());
        assertThat(r.categories().get(0).unspentFen()).isZero();
        assertThat(r.undistributedFen()).isZero();
    }
}
