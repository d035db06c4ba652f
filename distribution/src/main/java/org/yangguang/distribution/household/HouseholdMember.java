package org.yangguang.distribution.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A person in a household; the ID number identifies the person across households and villages. A member may have a
 * bank account of their own (their own wage is paid into it); without one, the household's account is used.
 * Not serialisable: the API shows the member masked, in {@link HouseholdView}.
 */
@MappedEntity("household_member")
public record HouseholdMember(@Id @GeneratedValue @Nullable Long id, Long householdId, String name, String idNumber,
                              String relation, LabourCapacity labourCapacity, @Nullable String bankName,
                              @Nullable String bankAccount) {
}
