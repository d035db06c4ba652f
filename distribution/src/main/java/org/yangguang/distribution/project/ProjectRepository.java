package org.yangguang.distribution.project;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProjectRepository extends CrudRepository<Project, Long> {
    List<Project> findByVillageIdOrderById(Long villageId);

    List<Project> findByPoolCountyIdOrderById(Long poolCountyId);

    @Query("SELECT * FROM project WHERE id = :id FOR UPDATE")
    Optional<Project> lockById(Long id);
}
