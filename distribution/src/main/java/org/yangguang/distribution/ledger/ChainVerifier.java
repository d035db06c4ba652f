package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Checks a ledger chain in order: sequence numbers 1, 2, 3…, each entry's prevHash equal to the previous
 * entry's hash (the first to 64 zeros), and each hash equal to the SHA-256 of the entry's fields. Stops at the
 * first broken entry and names it.
 */
public final class ChainVerifier {
    private long expectedSeq = 1;
    private String previousHash = LedgerEntry.GENESIS;
    private long checked;
    private Result broken;

    @Serdeable
    public record Result(boolean ok, long entries, @Nullable Long firstBrokenSeq, @Nullable String problem) {
        public String line() {
            return ok ? "ledger OK: " + entries + " entries, chain intact"
                    : "ledger BROKEN at entry " + firstBrokenSeq + ": " + problem + " (" + entries
                    + " entries before it are intact)";
        }
    }

    /** Feeds the next entry; returns false once the chain is broken. */
    public boolean accept(LedgerEntry e) {
        if (broken != null) {
            return false;
        }
        String problem = null;
        if (e.seq() != expectedSeq) {
            problem = "sequence " + e.seq() + " where " + expectedSeq + " was expected (entry missing or reordered)";
        } else if (!e.prevHash().equals(previousHash)) {
            problem = "prev_hash does not match the hash of entry " + (e.seq() - 1);
        } else if (!e.computeHash().equals(e.hash())) {
            problem = "hash does not match the entry's contents (entry changed)";
        }
        if (problem != null) {
            broken = new Result(false, checked, e.seq(), problem);
            return false;
        }
        checked++;
        expectedSeq++;
        previousHash = e.hash();
        return true;
    }

    public Result result() {
        return broken != null ? broken : new Result(true, checked, null, null);
    }
}
