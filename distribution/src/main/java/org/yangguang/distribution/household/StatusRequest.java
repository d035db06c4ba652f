package org.yangguang.distribution.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** Body of POST /api/households/{registrationNo}/status. */
@Serdeable
public record StatusRequest(@Nullable HouseholdStatus status, @Nullable LocalDate effectiveFrom,
                            @Nullable String reason) {
}
