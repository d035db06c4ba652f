package org.yangguang.distribution.transparency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("household_token")
public record HouseholdToken(@Id @GeneratedValue @Nullable Long id, Long householdId, String tokenId, String createdBy,
                             Instant createdAt, @Nullable Instant revokedAt) {

    public HouseholdToken revoked(Instant at) {
        return new HouseholdToken(id, householdId, tokenId, createdBy, createdAt, at);
    }
}
