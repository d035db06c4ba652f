package org.yangguang.distribution.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A registered household. Not serialisable on purpose: the API shows {@link HouseholdView}, which is masked. */
@MappedEntity("household")
public record Household(@Id @GeneratedValue @Nullable Long id, Long villageId, String registrationNo,
                        String headName, HouseholdStatus status, LabourCapacity labourCapacity, String bankName,
                        String bankAccount, Instant createdAt) {

    public Household withStatus(HouseholdStatus s) {
        return new Household(id, villageId, registrationNo, headName, s, labourCapacity, bankName, bankAccount,
                createdAt);
    }
}
