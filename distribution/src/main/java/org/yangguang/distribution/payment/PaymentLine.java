package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * One transfer to a payee's own account: a person (their wage), a household, or a project's payee.
 * Not serialisable: the account number is only for the bank file.
 */
@MappedEntity("payment_line")
public record PaymentLine(@Id @GeneratedValue @Nullable Long id, Long batchId, Long planLineId,
                          @Nullable Long householdId, @Nullable Long memberId, String category, String period,
                          long amountFen, String payeeName, String bankName, String bankAccount,
                          PaymentLineState state, @Nullable String bankReference, @Nullable String message,
                          @Nullable Long projectId, @Nullable Long postId, @Nullable String purpose,
                          @Nullable Long resultTx) {

    PaymentLine moved(PaymentLineState s, @Nullable String reference, @Nullable String msg, @Nullable Long tx) {
        if (!state.mayBecome(s)) {
            throw new IllegalStateException("payment line " + id + " cannot go from " + state + " to " + s);
        }
        return new PaymentLine(id, batchId, planLineId, householdId, memberId, category, period, amountFen, payeeName,
                bankName, bankAccount, s, reference == null ? bankReference : reference, msg == null ? message : msg,
                projectId, postId, purpose, tx == null ? resultTx : tx);
    }
}
