package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A gateway (edge box) serving a station, by its telemetry id, with the user name it logs in to the broker with. */
@Serdeable
@MappedEntity("station_gateway")
public record StationGateway(@Id @GeneratedValue @Nullable Long id, Long stationId, String code, String brokerUser) {
}
