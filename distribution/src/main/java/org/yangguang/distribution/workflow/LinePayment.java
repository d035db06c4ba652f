package org.yangguang.distribution.workflow;

import java.util.Map;
import java.util.Set;

/**
 * A plan line as its plan sees payment: PENDING (to pay), IN_BATCH (in a bank batch), PAID. Moves only as the
 * payment package reports them, by this table: a failed, returned or reversed transfer makes the line PENDING again,
 * payable in a later batch.
 */
public enum LinePayment {
    PENDING, IN_BATCH, PAID;

    private static final Map<LinePayment, Set<LinePayment>> NEXT = Map.of(
            PENDING, Set.of(IN_BATCH),
            IN_BATCH, Set.of(PAID, PENDING),
            PAID, Set.of(PENDING));

    public boolean mayBecome(LinePayment next) {
        return NEXT.get(this).contains(next);
    }
}
