package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** A village's allocation plan for one month. */
@Serdeable
@MappedEntity("plan")
public record Plan(@Id @GeneratedValue @Nullable Long id, Long villageId, String period, PlanState state,
                   Long policyId, long amountFen, long undistributedFen, @Nullable LocalDate noticeStart,
                   @Nullable LocalDate noticeEnd, String createdBy, Instant createdAt) {

    public Plan with(PlanState s) {
        return new Plan(id, villageId, period, s, policyId, amountFen, undistributedFen, noticeStart, noticeEnd,
                createdBy, createdAt);
    }

    public Plan noticed(LocalDate start, LocalDate end) {
        return new Plan(id, villageId, period, state, policyId, amountFen, undistributedFen, start, end, createdBy,
                createdAt);
    }
}
