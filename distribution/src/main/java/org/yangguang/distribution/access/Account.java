package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A login of one person ({@code personName}, {@code idNumber}: one account per resident ID number, unique in the
 * database). Never serialised (it holds the password hash); the API shows {@link AccountView}. Accounts made before
 * migration 10 may have no person; new ones always do.
 */
@MappedEntity("account")
public record Account(@Id @GeneratedValue @Nullable Long id, String username, String passwordHash, Role role,
                      Long countyId, @Nullable Long townshipId, @Nullable Long villageId, boolean enabled,
                      Instant createdAt, @Nullable String personName, @Nullable String idNumber) {

    public Actor actor() {
        return new Actor(username, role, countyId, townshipId, villageId);
    }
}
