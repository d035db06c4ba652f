package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a station produced in a month ({@code monthStart} is its first day) over [{@code periodFrom}, {@code periodTo}),
 * as {@link MonthEnergy} read it; {@code producedWh} null with a {@code note} when it could not be read.
 */
@MappedEntity("station_month_energy")
record StationMonthEnergy(@Id @GeneratedValue @Nullable Long id, Long stationId, LocalDate monthStart, Instant periodFrom,
                          Instant periodTo, @Nullable Long producedWh, @Nullable String note, Instant measuredAt) {

    StationMonthEnergy withId(Long newId) {
        return new StationMonthEnergy(newId, stationId, monthStart, periodFrom, periodTo, producedWh, note, measuredAt);
    }
}
