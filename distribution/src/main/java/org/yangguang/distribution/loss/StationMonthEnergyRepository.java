package org.yangguang.distribution.loss;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.Optional;

/** Package-private: written and read through {@link MonthEnergy}; Grafana reads the table directly. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StationMonthEnergyRepository extends CrudRepository<StationMonthEnergy, Long> {
    Optional<StationMonthEnergy> findByStationIdAndMonthStart(Long stationId, LocalDate monthStart);
}
