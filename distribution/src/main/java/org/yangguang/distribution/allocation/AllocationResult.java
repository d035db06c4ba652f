package org.yangguang.distribution.allocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The allocation of a village amount. Invariants (checked when computed): amount = Σ category budgets +
 * undistributed; each budget = Σ its line amounts + its unspent remainder.
 */
@Serdeable
public record AllocationResult(long amountFen, List<CategoryResult> categories, long undistributedFen) {

    @Serdeable
    public record CategoryResult(String code, long budgetFen, List<LineResult> lines, long unspentFen) {
    }

    @Serdeable
    public record LineResult(String category, @Nullable Long householdId, @Nullable Long memberId, long amountFen,
                             LineBasis basis, @Nullable String reference, @Nullable Long postId,
                             @Nullable Long projectId) {
    }
}
