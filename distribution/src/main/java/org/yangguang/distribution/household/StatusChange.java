package org.yangguang.distribution.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** One entry of a household's status history. */
@Serdeable
@MappedEntity("household_status")
public record StatusChange(@Id @GeneratedValue @Nullable Long id, Long householdId, HouseholdStatus status,
                           LocalDate effectiveFrom, String reason, String recordedBy, Instant recordedAt) {
}
