package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One village's share (percent, up to 6 decimals) of a station, part of the set in force from {@code effectiveFrom}. */
@Serdeable
@MappedEntity("village_share")
public record VillageShare(@Id @GeneratedValue @Nullable Long id,
                           Long stationId,
                           Long villageId,
                           BigDecimal sharePercent,
                           LocalDate effectiveFrom) {
}
