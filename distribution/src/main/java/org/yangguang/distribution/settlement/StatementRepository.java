package org.yangguang.distribution.settlement;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StatementRepository extends CrudRepository<Statement, Long> {
    Optional<Statement> findByStationIdAndStatementNo(Long stationId, String statementNo);

    List<Statement> findByStationIdOrderByPeriodStart(Long stationId);
}
