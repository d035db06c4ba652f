package org.yangguang.distribution.allocation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoredPolicyRepository extends CrudRepository<StoredPolicy, Long> {
    List<StoredPolicy> findByCountyIdAndPolicyYearOrderByVersionDesc(Long countyId, int year);
}
