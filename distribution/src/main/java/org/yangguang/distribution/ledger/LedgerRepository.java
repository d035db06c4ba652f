package org.yangguang.distribution.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Append and read only: there is deliberately no update or delete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerRepository extends GenericRepository<LedgerEntry, Long> {
    LedgerEntry save(LedgerEntry entry);

    Optional<LedgerEntry> findBySeq(long seq);

    List<LedgerEntry> findByAccountOrderBySeq(String account);

    @Query("SELECT * FROM ledger_entry ORDER BY seq")
    List<LedgerEntry> findAllInOrder();

    boolean existsByReversesSeq(Long reversesSeq);

    @Query("SELECT last_seq FROM ledger_head WHERE id = 1 FOR UPDATE")
    long lockHeadSeq();

    @Query("SELECT last_hash FROM ledger_head WHERE id = 1")
    String headHash();

    @Query("UPDATE ledger_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
    void moveHead(long seq, String hash);
}
