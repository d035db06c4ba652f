package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ShareSetRepository extends CrudRepository<ShareSet, Long> {
    /** The set in force on {@code date}: the latest effective date on or before it, its latest revision. */
    @Query("SELECT * FROM share_set WHERE station_id = :stationId AND effective_from <= :date"
            + " ORDER BY effective_from DESC, revision DESC LIMIT 1")
    Optional<ShareSet> findInForce(Long stationId, LocalDate date);

    /** Dates after {@code from} and on or before {@code to} on which another set takes effect. */
    @Query("SELECT DISTINCT effective_from FROM share_set WHERE station_id = :stationId AND effective_from > :from"
            + " AND effective_from <= :to ORDER BY effective_from")
    List<LocalDate> findChangesBetween(Long stationId, LocalDate from, LocalDate to);

    @Query("SELECT COALESCE(MAX(revision), -1) FROM share_set WHERE station_id = :stationId"
            + " AND effective_from = :date")
    int maxRevision(Long stationId, LocalDate date);

    @Query("SELECT * FROM share_set WHERE station_id = :stationId ORDER BY effective_from, revision")
    List<ShareSet> findHistory(Long stationId);
}
