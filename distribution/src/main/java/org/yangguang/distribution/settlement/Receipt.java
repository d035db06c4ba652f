package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Cash that arrived in the dedicated account (专户) for a station: the grid's benchmark part or subsidy, paying for
 * the energy of {@code energyFrom}..{@code energyTo}. {@code receiptTx} and {@code splitTx} are its ledger
 * transactions (the split changes when a reallocation corrects the shares); {@code reversedTx} once reversed.
 */
@Serdeable
@MappedEntity("receipt")
public record Receipt(@Id @GeneratedValue @Nullable Long id, Long stationId, ReceiptKind kind, long amountFen,
                      LocalDate receivedOn, String reference, String recordedBy, Instant recordedAt,
                      @Nullable LocalDate energyFrom, @Nullable LocalDate energyTo, @Nullable String statementNo,
                      @Nullable Long receiptTx, @Nullable Long splitTx, @Nullable Long reversedTx) {

    Receipt posted(long receipt, long split) {
        return new Receipt(id, stationId, kind, amountFen, receivedOn, reference, recordedBy, recordedAt, energyFrom,
                energyTo, statementNo, receipt, split, reversedTx);
    }

    Receipt resplit(long split) {
        return new Receipt(id, stationId, kind, amountFen, receivedOn, reference, recordedBy, recordedAt, energyFrom,
                energyTo, statementNo, receiptTx, split, reversedTx);
    }

    Receipt reversed(long tx) {
        return new Receipt(id, stationId, kind, amountFen, receivedOn, reference, recordedBy, recordedAt, energyFrom,
                energyTo, statementNo, receiptTx, splitTx, tx);
    }
}
