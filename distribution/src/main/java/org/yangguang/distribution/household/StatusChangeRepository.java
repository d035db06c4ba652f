package org.yangguang.distribution.household;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StatusChangeRepository extends CrudRepository<StatusChange, Long> {
    @Query("SELECT * FROM household_status WHERE household_id = :householdId ORDER BY effective_from, id")
    List<StatusChange> findHistory(Long householdId);
}
