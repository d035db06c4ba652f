package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fund's allocation plan for one month: a village's ({@code villageId}) or the county pool's
 * ({@code poolCountyId}). {@code amountFen} = {@code openingFen} (the balance carried forward) + the month's new
 * revenue; {@code approvedTx} is the ledger transaction that committed it.
 */
@Serdeable
@MappedEntity("plan")
public record Plan(@Id @GeneratedValue @Nullable Long id, @Nullable Long villageId, String period, PlanState state,
                   Long policyId, long amountFen, long undistributedFen, @Nullable LocalDate noticeStart,
                   @Nullable LocalDate noticeEnd, String createdBy, Instant createdAt, @Nullable Long poolCountyId,
                   @Nullable Long approvedTx, long openingFen) {

    public boolean pool() {
        return poolCountyId != null;
    }

    public Plan with(PlanState s) {
        return new Plan(id, villageId, period, s, policyId, amountFen, undistributedFen, noticeStart, noticeEnd,
                createdBy, createdAt, poolCountyId, approvedTx, openingFen);
    }

    public Plan noticed(LocalDate start, LocalDate end) {
        return new Plan(id, villageId, period, state, policyId, amountFen, undistributedFen, start, end, createdBy,
                createdAt, poolCountyId, approvedTx, openingFen);
    }

    Plan approved(Long tx) {
        return new Plan(id, villageId, period, state, policyId, amountFen, undistributedFen, noticeStart, noticeEnd,
                createdBy, createdAt, poolCountyId, tx, openingFen);
    }
}
