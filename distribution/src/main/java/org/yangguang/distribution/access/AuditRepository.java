package org.yangguang.distribution.access;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEvent, Long> {
    List<AuditEvent> findByEntityAndEntityKeyOrderById(String entity, String entityKey);

    List<AuditEvent> findByActorOrderById(String actor);
}
