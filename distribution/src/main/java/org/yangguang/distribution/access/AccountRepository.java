package org.yangguang.distribution.access;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<Account, Long> {
    Optional<Account> findByUsername(String username);

    Optional<Account> findByIdNumber(String idNumber);

    List<Account> findByCountyIdOrderByUsername(Long countyId);
}
