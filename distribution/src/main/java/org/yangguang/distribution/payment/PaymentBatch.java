package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A batch of transfers sent to the bank; {@code ledgerSeq}/{@code ledgerHash}: the ledger's head when it was built. */
@Serdeable
@MappedEntity("payment_batch")
public record PaymentBatch(@Id @GeneratedValue @Nullable Long id, Long countyId, BatchState state, long totalFen,
                           int lineCount, String createdBy, Instant createdAt, @Nullable String bankStatementRef,
                           @Nullable Long ledgerSeq, @Nullable String ledgerHash) {

    PaymentBatch with(BatchState s, @Nullable String statementRef) {
        if (!state.mayBecome(s)) {
            throw new IllegalStateException("batch " + id + " cannot go from " + state + " to " + s);
        }
        return new PaymentBatch(id, countyId, s, totalFen, lineCount, createdBy, createdAt, statementRef, ledgerSeq,
                ledgerHash);
    }
}
