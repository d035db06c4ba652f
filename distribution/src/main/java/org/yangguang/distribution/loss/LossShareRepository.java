package org.yangguang.distribution.loss;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;


@JdbcRepository(dialect = Dialect.POSTGRES)
interface LossShareRepository extends CrudRepository<LossShare, Long> {
    @Query("SELECT * FROM loss_share WHERE loss_date >= :from AND loss_date <= :to ORDER BY episode_id, loss_date, id")
    List<LossShare> findBetween(LocalDate from, LocalDate to);

    @Query("DELETE FROM loss_share WHERE episode_id = :episodeId")
    void deleteOfEpisode(Long episodeId);
}
