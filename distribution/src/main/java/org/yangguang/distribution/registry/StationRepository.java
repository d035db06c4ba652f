package org.yangguang.distribution.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.yangguang.distribution.api.ApiException;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StationRepository extends CrudRepository<Station, Long> {
    Optional<Station> findByCode(String code);

    /** The station, or the API's 404 naming the request field that carried the code. */
    default Station requireByCode(String code, String field) {
        return findByCode(code).orElseThrow(() -> ApiException.notFound("unknown_station",
                "no station with code '" + code + "'", field));
    }

    List<Station> findByCountyIdOrderByCode(Long countyId);
}
