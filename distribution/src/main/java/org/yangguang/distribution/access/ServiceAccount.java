package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A program's login (a collector, an installer's scan): no person behind it, a service role ({@link Role#isService})
 * and a county. Never serialised: it holds the secret's hash.
 */
@MappedEntity("service_account")
public record ServiceAccount(@Id @GeneratedValue @Nullable Long id, String username, String passwordHash, Role role,
                             Long countyId, boolean enabled, Instant createdAt) {
}
