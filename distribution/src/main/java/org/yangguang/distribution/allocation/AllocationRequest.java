package org.yangguang.distribution.allocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.LabourCapacity;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a village proposes for a period: its distributable amount, the percent per category, and the lines.
 * Household facts (status, labour) are those on the period's start, looked up by the caller.
 */
@Serdeable
public record AllocationRequest(long amountFen, List<CategoryShare> categories, List<Line> lines) {

    @Serdeable
    public record CategoryShare(String code, BigDecimal percent) {
    }

    /**
     * A line: for POST_WAGE and PROJECT categories {@code fixedFen}; for WEIGHTED a {@code weight}. A wage line
     * carries its {@code postId} (it comes from the post and its attendance, never from a client); a project line
     * its {@code projectId} and no household. {@code status} and {@code labour} are the household's (or the
     * member's) on the period's first day.
     */
    @Serdeable
    public record Line(String category, @Nullable Long householdId, @Nullable Long memberId,
                       @Nullable HouseholdStatus status, @Nullable LabourCapacity labour, @Nullable BigDecimal weight,
                       @Nullable Long fixedFen, LineBasis basis, @Nullable String reference, @Nullable Long postId,
                       @Nullable Long projectId) {
        @io.micronaut.core.annotation.Creator
        public Line {
        }

        public Line(String category, Long householdId, Long memberId, HouseholdStatus status, LabourCapacity labour,
                    BigDecimal weight, Long fixedFen, LineBasis basis, String reference) {
            this(category, householdId, memberId, status, labour, weight, fixedFen, basis, reference, null, null);
        }
    }
}
