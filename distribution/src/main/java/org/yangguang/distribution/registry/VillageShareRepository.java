package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VillageShareRepository extends CrudRepository<VillageShare, Long> {
    List<VillageShare> findBySetIdOrderByVillageId(Long setId);

    @Query("SELECT * FROM village_share WHERE station_id = :stationId ORDER BY effective_from, set_id, village_id")
    List<VillageShare> findHistory(Long stationId);

    /** Stations the village has ever held a share of. */
    @Query("SELECT DISTINCT station_id FROM village_share WHERE village_id = :villageId ORDER BY station_id")
    List<Long> findStationIdsOfVillage(Long villageId);
}
