package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An account as the API shows it. */
@Serdeable
public record AccountView(String username, Role role, long countyId, @Nullable Long townshipId,
                          @Nullable Long villageId, boolean enabled, @Nullable String personName,
                          @Nullable String idNumberMasked) {
    static AccountView of(Account a) {
        return new AccountView(a.username(), a.role(), a.countyId(), a.townshipId(), a.villageId(), a.enabled(),
                a.personName(), a.idNumber() == null ? null
                : org.yangguang.distribution.household.Masking.idNumber(a.idNumber()));
    }
}
