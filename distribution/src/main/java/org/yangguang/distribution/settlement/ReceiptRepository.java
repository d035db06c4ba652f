package org.yangguang.distribution.settlement;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReceiptRepository extends CrudRepository<Receipt, Long> {
    Optional<Receipt> findByStationIdAndKindAndReference(Long stationId, ReceiptKind kind, String reference);

    List<Receipt> findByStationIdOrderByReceivedOn(Long stationId);

    @Query("SELECT * FROM receipt WHERE station_id = :stationId AND received_on >= :from AND received_on <= :to"
            + " AND reversed_tx IS NULL AND split_tx IS NOT NULL ORDER BY received_on, id")
    List<Receipt> findReceived(Long stationId, LocalDate from, LocalDate to);

    /** Receipts split (and not reversed) whose energy runs into {@code date} or later: their shares are used. */
    @Query("SELECT * FROM receipt WHERE station_id = :stationId AND energy_to >= :date AND reversed_tx IS NULL"
            + " AND split_tx IS NOT NULL ORDER BY id")
    List<Receipt> findSplitFrom(Long stationId, LocalDate date);

    Optional<Receipt> findByReceiptTx(Long receiptTx);

    @Query("SELECT * FROM receipt WHERE id = :id FOR UPDATE")
    Optional<Receipt> lockById(Long id);
}
