package org.yangguang.distribution.household;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HouseholdMemberRepository extends CrudRepository<HouseholdMember, Long> {
    List<HouseholdMember> findByHouseholdIdOrderById(Long householdId);

    Optional<HouseholdMember> findByIdNumber(String idNumber);

    /** Serialises post assignments of one person (no two paid posts at once). */
    @Query("SELECT * FROM household_member WHERE id = :id FOR UPDATE")
    Optional<HouseholdMember> lockById(Long id);
}
