package org.yangguang.distribution.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LedgerHeadRepository extends GenericRepository<LedgerHead, Integer> {
    @Query("SELECT * FROM ledger_head WHERE id = 1 FOR UPDATE")
    LedgerHead lock();

    @Query("SELECT * FROM ledger_head WHERE id = 1")
    LedgerHead read();

    @Query("UPDATE ledger_head SET last_seq = :seq, last_hash = :hash, last_tx = :tx WHERE id = 1")
    void move(long seq, String hash, long tx);

    @Query("UPDATE ledger_head SET ledger_id = :ledgerId WHERE id = 1 AND ledger_id IS NULL")
    void name(String ledgerId);
}
