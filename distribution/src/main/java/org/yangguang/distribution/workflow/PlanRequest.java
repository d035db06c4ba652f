package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;

import java.math.BigDecimal;
import java.util.List;

/**
 * A draft plan: the month, percent per category, and the lines that are facts the committee brings: a household's
 * weight in a weighted category (labour days, a reviewed application), or a project and its amount. Post wages are
 * never written here: they come from the village's posts and their attendance. Households are named by registration
 * number; projects by id.
 */
@Serdeable
public record PlanRequest(@Nullable String period, @Nullable List<AllocationRequest.CategoryShare> categories,
                          @Nullable List<Line> lines, @Nullable String reason) {

    @Serdeable
    public record Line(String category, @Nullable String registrationNo, @Nullable BigDecimal weight,
                       @Nullable Long fixedFen, @Nullable LineBasis basis, @Nullable String reference,
                       @Nullable Long project) {
        @io.micronaut.core.annotation.Creator
        public Line {
        }

        public Line(String category, String registrationNo, BigDecimal weight, Long fixedFen, LineBasis basis,
                    String reference) {
            this(category, registrationNo, weight, fixedFen, basis, reference, null);
        }
    }
}
