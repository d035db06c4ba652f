package org.yangguang.distribution.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanLineRepository extends CrudRepository<PlanLine, Long> {
    List<PlanLine> findByPlanIdOrderById(Long planId);

    List<PlanLine> findByHouseholdIdOrderById(Long householdId);

    void deleteByPlanId(Long planId);

    @Query("SELECT * FROM plan_line WHERE id = :id FOR UPDATE")
    Optional<PlanLine> lockById(Long id);
}
