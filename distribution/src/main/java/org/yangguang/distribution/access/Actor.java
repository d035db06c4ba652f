package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;

/**
 * The authenticated person a change is attributed to, with the scope their role is limited to:
 * {@code villageId} for village committee members, {@code townshipId} for township reviewers, and
 * {@code countyId} always.
 */
@io.micronaut.serde.annotation.Serdeable
public record Actor(String username, Role role, long countyId, @Nullable Long townshipId, @Nullable Long villageId) {

    /** The system itself (start-up loaders, demo seed). */
    public static Actor system(long countyId) {
        return new Actor("system", Role.ADMIN, countyId, null, null);
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }
}
