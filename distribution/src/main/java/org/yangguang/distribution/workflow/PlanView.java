package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A plan with everything a reviewer needs on one page. {@code village} is the village's code, or null for the county
 * pool's plan ({@code pool} true; {@code villageName} then names the pool). {@code amountFen} =
 * {@code openingFen} (carried forward) + {@code newRevenueFen}. {@code noticeEndsAt}: the instant the public notice ends
 * (ISO-8601, with the county's offset), exact to the minute under a demo notice length ({@link NoticePeriod}).
 */
@Serdeable
public record PlanView(long id, @Nullable String village, String villageName, boolean pool, String period,
                       PlanState state, int policyVersion, long amountFen, long openingFen, long newRevenueFen,
                       long undistributedFen, @Nullable String noticeStart, @Nullable String noticeEnd,
                       List<PlanCategory> categories, List<LineView> lines, List<Objection> objections,
                       List<PlanEvent> events, List<String> notes,
                       @Nullable String noticeEndsAt) {

    @Serdeable
    public record LineView(long id, String category, String kind, @Nullable String registrationNo,
                           @Nullable String payee, long amountFen, String basis, @Nullable String reference,
                           String paymentState, @Nullable Long projectId) {
    }
}
