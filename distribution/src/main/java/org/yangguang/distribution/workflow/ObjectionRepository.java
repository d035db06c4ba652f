package org.yangguang.distribution.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ObjectionRepository extends CrudRepository<Objection, Long> {
    List<Objection> findByPlanIdOrderById(Long planId);

    long countByPlanIdAndOpen(Long planId, boolean open);

    List<Objection> findByHouseholdIdOrderById(Long householdId);

    @Query("SELECT COUNT(*) FROM objection WHERE household_id = :householdId AND raised_at > :since")
    long countRaisedSince(Long householdId, Instant since);
}
