package org.yangguang.distribution.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.yangguang.distribution.api.ApiException;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanRepository extends CrudRepository<Plan, Long> {
    Optional<Plan> findByVillageIdAndPeriod(Long villageId, String period);

    Optional<Plan> findByPoolCountyIdAndPeriod(Long poolCountyId, String period);

    List<Plan> findByVillageIdOrderByPeriod(Long villageId);

    List<Plan> findByPoolCountyIdOrderByPeriod(Long poolCountyId);

    List<Plan> findByStateInOrderById(Collection<PlanState> states);

    /** Serialises transitions of one plan: concurrent approvals see each other's result. */
    @Query("SELECT * FROM plan WHERE id = :id FOR UPDATE")
    Optional<Plan> lockById(Long id);

    /** The plan, or the API's 404 for the request's planId. */
    default Plan require(long id) {
        return findById(id).orElseThrow(() -> unknown(id));
    }

    /** {@link #lockById} or the API's 404 for the request's planId. */
    default Plan requireLocked(long id) {
        return lockById(id).orElseThrow(() -> unknown(id));
    }

    private static ApiException unknown(long id) {
        return ApiException.notFound("unknown_plan", "no plan " + id, "planId");
    }
}
