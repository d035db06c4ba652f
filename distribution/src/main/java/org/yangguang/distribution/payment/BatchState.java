package org.yangguang.distribution.payment;

import java.util.Map;
import java.util.Set;

/** BUILT (sent to the bank) → SETTLED (every line has a result) → RECONCILED (matches the dedicated account). */
public enum BatchState {
    BUILT, SETTLED, RECONCILED;

    private static final Map<BatchState, Set<BatchState>> NEXT = Map.of(
            BUILT, Set.of(SETTLED),
            SETTLED, Set.of(RECONCILED),
            RECONCILED, Set.of());

    public boolean mayBecome(BatchState next) {
        return NEXT.get(this).contains(next);
    }
}
