package org.yangguang.distribution.allocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A policy version as stored: the JSON body is the configuration, parsed into {@link Policy}. */
@MappedEntity("allocation_policy")
public record StoredPolicy(@Id @GeneratedValue @Nullable Long id, Long countyId, int policyYear, int version, String body,
                           String createdBy, Instant createdAt, Policy.Scope scope) {
}
