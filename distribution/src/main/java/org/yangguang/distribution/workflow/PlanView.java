package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A plan with everything a reviewer needs on one page. */
@Serdeable
public record PlanView(long id, String village, String villageName, String period, PlanState state,
                       int policyVersion, long amountFen, long undistributedFen, @Nullable String noticeStart,
                       @Nullable String noticeEnd, List<PlanCategory> categories, List<LineView> lines,
                       List<Objection> objections, List<PlanEvent> events, List<String> notes) {

    @Serdeable
    public record LineView(long id, String category, @Nullable String registrationNo, @Nullable String payee,
                           long amountFen, String basis, @Nullable String reference, String paymentState) {
    }
}
