package org.yangguang.distribution.access;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ServiceAccountRepository extends CrudRepository<ServiceAccount, Long> {
    Optional<ServiceAccount> findByUsername(String username);
}
