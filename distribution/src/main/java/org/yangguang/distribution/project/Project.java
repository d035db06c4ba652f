package org.yangguang.distribution.project;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 小型公益事业: a small public-welfare project of a village (or of the county pool), paid to its payee — a contractor
 * or the village collective — never to a household, up to its budget, and only once it is accepted (验收). Not
 * serialisable: the API shows {@link ProjectView}, with the account masked.
 */
@MappedEntity("project")
public record Project(@Id @GeneratedValue @Nullable Long id, @Nullable Long villageId, @Nullable Long poolCountyId,
                      String name, PayeeKind payeeKind, String payeeName, String bankName, String bankAccount,
                      long budgetFen, State state, @Nullable LocalDate acceptedOn, @Nullable String acceptanceRef,
                      @Nullable String acceptedBy, String createdBy, Instant createdAt) {

    public enum PayeeKind { CONTRACTOR, COLLECTIVE }

    public enum State { OPEN, ACCEPTED }

    Project accepted(LocalDate on, String ref, String by) {
        return new Project(id, villageId, poolCountyId, name, payeeKind, payeeName, bankName, bankAccount, budgetFen,
                State.ACCEPTED, on, ref, by, createdBy, createdAt);
    }
}
