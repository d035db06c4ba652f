package org.yangguang.distribution.household;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HouseholdRepository extends CrudRepository<Household, Long> {
    Optional<Household> findByRegistrationNo(String registrationNo);

    List<Household> findByVillageIdOrderById(Long villageId);

    long countByVillageId(Long villageId);

    /** Locks the household row for the rest of the transaction (payments, status changes). */
    @Query("SELECT * FROM household WHERE id = :id FOR UPDATE")
    Optional<Household> lockById(Long id);
}
