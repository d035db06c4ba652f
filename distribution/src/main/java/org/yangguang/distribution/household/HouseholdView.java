package org.yangguang.distribution.household;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What the API shows of a household: bank account and ID numbers masked. */
@Serdeable
public record HouseholdView(String registrationNo, String village, String headName, HouseholdStatus status,
                            LabourCapacity labourCapacity, String bankName, String bankAccountMasked,
                            List<MemberView> members, List<StatusChange> history) {

    @Serdeable
    public record MemberView(long id, String name, String idNumberMasked, String relation,
                             LabourCapacity labourCapacity, @io.micronaut.core.annotation.Nullable String bankAccountMasked) {
    }
}
