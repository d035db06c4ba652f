package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A station's whole share set from {@code effectiveFrom}: its villages hold {@code totalParts} of {@code wholeParts}
 * (the rest belongs to parties outside the registry, e.g. a joint venture's partner). A later revision of the same
 * date is a correction (kind CORRECTION), made by an audited reallocation of the money already split.
 */
@Serdeable
@MappedEntity("share_set")
public record ShareSet(@Id @GeneratedValue @Nullable Long id, Long stationId, LocalDate effectiveFrom, int revision,
                       long wholeParts, long totalParts, String kind, String recordedBy, Instant recordedAt,
                       String reason) {
    public static final String RECORD = "RECORD";
    public static final String CORRECTION = "CORRECTION";
}
