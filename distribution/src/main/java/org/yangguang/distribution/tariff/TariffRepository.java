package org.yangguang.distribution.tariff;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TariffRepository extends CrudRepository<Tariff, Long> {

    Optional<Tariff> findByTariffBatchAndResourceZoneAndEffectiveFrom(String tariffBatch, String resourceZone,
                                                                       LocalDate effectiveFrom);

    /** Rows for the pair, newest first. */
    List<Tariff> findByTariffBatchAndResourceZoneOrderByEffectiveFromDesc(String tariffBatch, String resourceZone);

    @Query("""
            SELECT DISTINCT effective_from FROM tariff
             WHERE tariff_batch = :batch AND resource_zone = :zone AND effective_from > :from AND effective_from <= :to
             ORDER BY effective_from""")
    List<LocalDate> findChangesBetween(String batch, String zone, LocalDate from, LocalDate to);
}
