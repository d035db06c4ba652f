package org.yangguang.distribution.payment;

import org.yangguang.distribution.workflow.LinePayment;

import java.util.Map;
import java.util.Set;

/**
 * A transfer to one payee, and the one table of its moves:
 * <pre>
 * IN_BATCH --bank: PAID--> PAID --bank: RETURNED (money came back)--> RETURNED
 * IN_BATCH --bank: FAILED--> FAILED             PAID --ledger reversal--> REVERSED
 * </pre>
 * PAID debits the fund's payable and credits the cash (the 专户); RETURNED and REVERSED put both back. A FAILED,
 * RETURNED or REVERSED transfer gives its claims back and makes its plan line due again, for a later batch.
 */
public enum PaymentLineState {
    IN_BATCH, PAID, FAILED, RETURNED, REVERSED;

    private static final Map<PaymentLineState, Set<PaymentLineState>> NEXT = Map.of(
            IN_BATCH, Set.of(PAID, FAILED),
            PAID, Set.of(RETURNED, REVERSED),
            FAILED, Set.of(),
            RETURNED, Set.of(),
            REVERSED, Set.of());

    public boolean mayBecome(PaymentLineState next) {
        return NEXT.get(this).contains(next);
    }

    /** Where the plan line stands once its transfer is in this state. */
    public LinePayment forPlanLine() {
        return switch (this) {
            case IN_BATCH -> LinePayment.IN_BATCH;
            case PAID -> LinePayment.PAID;
            case FAILED, RETURNED, REVERSED -> LinePayment.PENDING;
        };
    }
}
