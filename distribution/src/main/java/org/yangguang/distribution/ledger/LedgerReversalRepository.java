package org.yangguang.distribution.ledger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LedgerReversalRepository extends GenericRepository<LedgerReversal, Long> {
    LedgerReversal save(LedgerReversal r);

    Optional<LedgerReversal> findByReversesTx(long reversesTx);
}
