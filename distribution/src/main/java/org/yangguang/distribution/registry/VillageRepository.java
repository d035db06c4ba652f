package org.yangguang.distribution.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VillageRepository extends CrudRepository<Village, Long> {
    Optional<Village> findByCode(String code);

    List<Village> findByTownshipIdOrderById(Long townshipId);

    List<Village> findByIdInOrderById(Collection<Long> ids);
}
