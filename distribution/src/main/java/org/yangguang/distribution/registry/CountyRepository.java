package org.yangguang.distribution.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CountyRepository extends CrudRepository<County, Long> {
    Optional<County> findByCode(String code);

    @Query("SELECT * FROM county WHERE id = :id FOR UPDATE")
    Optional<County> lockById(Long id);
}
