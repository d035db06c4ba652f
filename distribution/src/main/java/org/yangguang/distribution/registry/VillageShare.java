package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One village's share of a station in a {@link ShareSet}: {@code parts} of the set's whole. {@code sharePercent} is
 * the same share as a percent with 6 decimals, for people to read (a third shows as 33.333333); money uses parts.
 */
@Serdeable
@MappedEntity("village_share")
public record VillageShare(@Id @GeneratedValue @Nullable Long id,
                           Long stationId,
                           Long villageId,
                           BigDecimal sharePercent,
                           LocalDate effectiveFrom,
                           Long setId,
                           long parts) {
}
