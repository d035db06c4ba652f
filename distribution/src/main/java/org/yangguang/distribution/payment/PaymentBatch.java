package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** BUILT (sent to the bank) → SETTLED (every line has a result) → RECONCILED (matches the dedicated account). */
@Serdeable
@MappedEntity("payment_batch")
public record PaymentBatch(@Id @GeneratedValue @Nullable Long id, Long countyId, String state, long totalFen,
                           int lineCount, String createdBy, Instant createdAt, @Nullable String bankStatementRef) {

    public PaymentBatch with(String s, @Nullable String statementRef) {
        return new PaymentBatch(id, countyId, s, totalFen, lineCount, createdBy, createdAt, statementRef);
    }
}
