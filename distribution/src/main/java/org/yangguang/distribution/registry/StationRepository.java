package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StationRepository extends CrudRepository<Station, Long> {
    Optional<Station> findByCode(String code);

    List<Station> findByCountyIdOrderByCode(Long countyId);

    /** Serialises share writes of one station (two concurrent sets cannot both pass their checks). */
    @Query("SELECT * FROM station WHERE id = :id FOR UPDATE")
    Optional<Station> lockById(Long id);
}
