package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * Body of POST /api/stations/{code}/shares (and of a reallocation): the date the set takes effect, and either percents
 * (up to 6 decimals) or integer {@code parts} of {@code whole} ({@code [1, 1, 1]} of 3 are exact thirds).
 */
@Serdeable
public record ShareSetRequest(@Nullable LocalDate effectiveFrom, @Nullable List<ShareInput> shares,
                              @Nullable Long whole, @Nullable String reason) {
    @io.micronaut.core.annotation.Creator
    public ShareSetRequest {
    }

    public ShareSetRequest(LocalDate effectiveFrom, List<ShareInput> shares, String reason) {
        this(effectiveFrom, shares, null, reason);
    }
}
