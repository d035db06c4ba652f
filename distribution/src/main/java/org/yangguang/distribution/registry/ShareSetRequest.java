package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** Body of POST /api/stations/{code}/shares. */
@Serdeable
public record ShareSetRequest(@Nullable LocalDate effectiveFrom, @Nullable List<ShareInput> shares,
                             @Nullable String reason) {
}
