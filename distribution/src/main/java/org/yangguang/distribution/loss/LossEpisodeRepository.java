package org.yangguang.distribution.loss;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Package-private: other packages ask {@link LossBook}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface LossEpisodeRepository extends CrudRepository<LossEpisode, Long> {
    Optional<LossEpisode> findByEpisodeKey(String episodeKey);

    List<LossEpisode> findByStateOrderBySinceAt(String state);

    @Query("SELECT * FROM loss_episode WHERE id IN (SELECT episode_id FROM loss_day WHERE loss_date >= :from"
            + " AND loss_date <= :to) ORDER BY since_at, episode_key")
    List<LossEpisode> findTouching(LocalDate from, LocalDate to);
}
