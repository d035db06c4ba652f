package org.yangguang.distribution.ledger;

import org.yangguang.distribution.access.Actor;

import java.util.Set;

/**
 * The owner of a kind of transaction, told when one is reversed through the ledger ({@code POST
 * /api/ledger/{seq}/reverse}), so that what the entries describe follows them: a reversed payment's line is no longer
 * paid, a reversed receipt's split is taken back. Kinds without a handler cannot be reversed that way.
 */
public interface ReversalHandler {
    Set<String> kinds();

    /** May refuse (an {@code ApiException}); runs in the reversal's database transaction, after its entries. */
    void reversed(Actor actor, long originalTx, long reversalTx, String reason);
}
