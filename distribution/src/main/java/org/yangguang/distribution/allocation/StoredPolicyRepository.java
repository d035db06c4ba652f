package org.yangguang.distribution.allocation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StoredPolicyRepository extends CrudRepository<StoredPolicy, Long> {
    List<StoredPolicy> findByCountyIdAndScopeAndPolicyYearOrderByVersionDesc(Long countyId, Policy.Scope scope, int year);
}
