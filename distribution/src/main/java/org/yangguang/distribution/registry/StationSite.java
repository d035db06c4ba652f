package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** Where a station stands (WGS-84 degrees): the sun's position there and the console's map need it. */
@Serdeable
@MappedEntity("station_site")
public record StationSite(@Id Long stationId, BigDecimal latitude, BigDecimal longitude) {
}
