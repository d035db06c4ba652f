package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VillageShareRepository extends CrudRepository<VillageShare, Long> {

    /** The share set in force on {@code date}: the rows with the latest effective_from on or before it. */
    @Query("""
            SELECT * FROM village_share
             WHERE station_id = :stationId
               AND effective_from = (SELECT MAX(effective_from) FROM village_share
                                      WHERE station_id = :stationId AND effective_from <= :date)
             ORDER BY village_id""")
    List<VillageShare> findInForce(Long stationId, LocalDate date);

    /** Dates on which a new share set takes effect after {@code from} and on or before {@code to}. */
    @Query("""
            SELECT DISTINCT effective_from FROM village_share
             WHERE station_id = :stationId AND effective_from > :from AND effective_from <= :to
             ORDER BY effective_from""")
    List<LocalDate> findChangesBetween(Long stationId, LocalDate from, LocalDate to);

    @Query("SELECT * FROM village_share WHERE station_id = :stationId ORDER BY effective_from, village_id")
    List<VillageShare> findHistory(Long stationId);

    /** Stations the village has ever held a share of. */
    @Query("SELECT DISTINCT station_id FROM village_share WHERE village_id = :villageId ORDER BY station_id")
    List<Long> findStationIdsOfVillage(Long villageId);

    boolean existsByStationIdAndEffectiveFrom(Long stationId, LocalDate effectiveFrom);
}
