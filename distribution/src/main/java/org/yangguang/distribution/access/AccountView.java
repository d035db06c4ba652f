package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An account as the API shows it. */
@Serdeable
public record AccountView(String username, Role role, long countyId, @Nullable Long townshipId,
                          @Nullable Long villageId, boolean enabled) {
    static AccountView of(Account a) {
        return new AccountView(a.username(), a.role(), a.countyId(), a.townshipId(), a.villageId(), a.enabled());
    }
}
