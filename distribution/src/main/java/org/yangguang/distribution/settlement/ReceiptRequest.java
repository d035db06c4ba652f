package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * Body of POST /api/stations/{code}/receipts. The energy the cash pays for: the statement's period
 * ({@code statementNo}), or {@code energyFrom}..{@code energyTo} (inclusive days); without either, the calendar month of
 * {@code receivedOn}. Give it for subsidy, which arrives late: it is split by the shares of that energy's days.
 */
@Serdeable
public record ReceiptRequest(@Nullable ReceiptKind kind, @Nullable Long amountFen, @Nullable LocalDate receivedOn,
                             @Nullable String reference, @Nullable String reason, @Nullable String statementNo,
                             @Nullable LocalDate energyFrom, @Nullable LocalDate energyTo) {
    @io.micronaut.core.annotation.Creator
    public ReceiptRequest {
    }

    public ReceiptRequest(ReceiptKind kind, Long amountFen, LocalDate receivedOn, String reference, String reason) {
        this(kind, amountFen, receivedOn, reference, reason, null, null, null);
    }
}
