package org.yangguang.distribution.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StationGatewayRepository extends CrudRepository<StationGateway, Long> {
    List<StationGateway> findByStationIdOrderByCode(Long stationId);

    Optional<StationGateway> findByCode(String code);
}
