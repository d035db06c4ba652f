package org.yangguang.distribution.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanLineRepository extends CrudRepository<PlanLine, Long> {
    List<PlanLine> findByPlanIdOrderById(Long planId);

    void deleteByPlanId(Long planId);

    @Query("SELECT * FROM plan_line WHERE id = :id FOR UPDATE")
    Optional<PlanLine> lockById(Long id);

    /** Money other plans give the project (a project is paid up to its budget, over any number of plans). */
    @Query("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM plan_line WHERE project_id = :projectId"
            + " AND plan_id <> :planId")
    long projectTotalElsewhere(Long projectId, Long planId);
}
