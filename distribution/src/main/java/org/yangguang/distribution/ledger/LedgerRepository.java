package org.yangguang.distribution.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Append and read only: there is deliberately no update or delete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface LedgerRepository extends GenericRepository<LedgerEntry, Long> {
    List<LedgerEntry> saveAll(Iterable<LedgerEntry> entries);

    Optional<LedgerEntry> findBySeq(long seq);

    List<LedgerEntry> findByAccountOrderBySeq(String account);

    List<LedgerEntry> findByTxOrderBySeq(Long tx);

    @Query("SELECT * FROM ledger_entry ORDER BY seq")
    List<LedgerEntry> findAllInOrder();

    @Query("SELECT * FROM ledger_entry WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<LedgerEntry> findPage(long after, int limit);

    @Query("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM ledger_entry WHERE account = :account")
    long sum(String account);

    @Query("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM ledger_entry"
            + " WHERE account = :account AND value_date <= :date")
    long sumUntil(String account, LocalDate date);

    /** Credits and debits of {@code kind} on an account dated after {@code date}, of transactions not reversed. */
    @Query("SELECT CAST(COALESCE(SUM(e.amount_fen), 0) AS BIGINT) FROM ledger_entry e WHERE e.account = :account"
            + " AND e.kind = :kind AND e.value_date > :date"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses_tx = e.tx)")
    long sumOfKindAfter(String account, String kind, LocalDate date);

    @Query("SELECT account, CAST(SUM(amount_fen) AS BIGINT) AS total FROM ledger_entry"
            + " WHERE account LIKE :pattern ESCAPE '!' AND tx IS NOT NULL AND value_date <= :date"
            + " GROUP BY account ORDER BY account")
    List<AccountSum> sumsLike(String pattern, LocalDate date);
}
