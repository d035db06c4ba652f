package org.yangguang.distribution.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** A household to register; the first member is the head. */
@Serdeable
public record NewHousehold(@Nullable String registrationNo, @Nullable HouseholdStatus status,
                           @Nullable LocalDate statusFrom, @Nullable String bankName, @Nullable String bankAccount,
                           @Nullable List<NewMember> members, @Nullable String reason) {

    @Serdeable
    public record NewMember(@Nullable String name, @Nullable String idNumber, @Nullable String relation,
                            @Nullable LabourCapacity labourCapacity, @Nullable String bankName,
                            @Nullable String bankAccount) {
        @io.micronaut.core.annotation.Creator
        public NewMember {
        }

        public NewMember(String name, String idNumber, String relation, LabourCapacity labourCapacity) {
            this(name, idNumber, relation, labourCapacity, null, null);
        }
    }
}
