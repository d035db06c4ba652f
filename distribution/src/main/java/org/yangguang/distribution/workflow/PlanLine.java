package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.allocation.LineBasis;

/** One payee line of a plan: what it pays ({@link LineKind}) and where its payment stands ({@link LinePayment}). */
@Serdeable
@MappedEntity("plan_line")
public record PlanLine(@Id @GeneratedValue @Nullable Long id, Long planId, String category, @Nullable Long householdId,
                       @Nullable Long memberId, long amountFen, LineBasis basis, @Nullable String reference,
                       LinePayment paymentState, LineKind kind, @Nullable Long postId, @Nullable Long projectId) {

    PlanLine withPaymentState(LinePayment s) {
        return new PlanLine(id, planId, category, householdId, memberId, amountFen, basis, reference, s, kind, postId,
                projectId);
    }
}
