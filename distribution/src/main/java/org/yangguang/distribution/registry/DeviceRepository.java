package org.yangguang.distribution.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeviceRepository extends CrudRepository<Device, Long> {
    List<Device> findByStationIdOrderByCode(Long stationId);

    List<Device> findByStationIdAndStateOrderByCode(Long stationId, DeviceState state);

    Optional<Device> findByStationIdAndCode(Long stationId, String code);
}
