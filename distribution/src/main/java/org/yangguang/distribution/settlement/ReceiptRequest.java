package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** Body of POST /api/stations/{code}/receipts. */
@Serdeable
public record ReceiptRequest(@Nullable ReceiptKind kind, @Nullable Long amountFen, @Nullable LocalDate receivedOn,
                             @Nullable String reference, @Nullable String reason) {
}
