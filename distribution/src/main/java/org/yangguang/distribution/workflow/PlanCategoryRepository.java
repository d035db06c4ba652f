package org.yangguang.distribution.workflow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanCategoryRepository extends CrudRepository<PlanCategory, Long> {
    List<PlanCategory> findByPlanIdOrderById(Long planId);

    void deleteByPlanId(Long planId);
}
