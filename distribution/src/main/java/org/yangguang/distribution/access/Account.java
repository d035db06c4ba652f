package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A login. Never serialised (it holds the password hash); the API shows {@link AccountView}. */
@MappedEntity("account")
public record Account(@Id @GeneratedValue @Nullable Long id, String username, String passwordHash, Role role,
                      Long countyId, @Nullable Long townshipId, @Nullable Long villageId, boolean enabled,
                      Instant createdAt) {

    public Actor actor() {
        return new Actor(username, role, countyId, townshipId, villageId);
    }
}
