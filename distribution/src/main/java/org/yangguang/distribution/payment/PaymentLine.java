package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One transfer to a beneficiary's own account. Not serialisable: the account number is only for the bank file. */
@MappedEntity("payment_line")
public record PaymentLine(@Id @GeneratedValue @Nullable Long id, Long batchId, Long planLineId, Long householdId,
                          @Nullable Long memberId, String category, String period, long amountFen, String payeeName,
                          String bankName, String bankAccount, String state, @Nullable String bankReference,
                          @Nullable String message) {

    public PaymentLine result(String s, String reference, String msg) {
        return new PaymentLine(id, batchId, planLineId, householdId, memberId, category, period, amountFen, payeeName,
                bankName, bankAccount, s, reference, msg);
    }
}
