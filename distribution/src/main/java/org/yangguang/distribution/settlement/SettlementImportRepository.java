package org.yangguang.distribution.settlement;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SettlementImportRepository extends CrudRepository<SettlementImport, Long> {
}
