package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a ledger in order and stops at the first broken entry, naming it:
 * <ul>
 *   <li>the chain: sequence numbers 1, 2, 3…, each prevHash equal to the previous entry's hash (the first to 64
 *   zeros), each hash the SHA-256 of the entry's fields;</li>
 *   <li>double entry: a transaction's lines are consecutive, share kind, date, reference, actor and time, and sum
 *   to zero; transaction numbers go 1, 2, 3…;</li>
 *   <li>reversals: a REVERSAL negates exactly the lines of an earlier transaction, once.</li>
 * </ul>
 * What it cannot see alone — a removed tail, or a history rewritten with every later hash recomputed — is what the
 * signed checkpoints are for ({@link Checkpoints#verify}).
 */
public final class ChainVerifier {
    private long expectedSeq = 1;
    private String previousHash = LedgerEntry.GENESIS;
    private long checked;
    private long transactions;
    private Result broken;
    private String lastHash = LedgerEntry.GENESIS;
    // the transaction being read
    private final List<LedgerEntry> open = new ArrayList<>();
    private long lastTx;
    /** A digest of each transaction's lines (account and amount), to check that a reversal mirrors it. */
    private final Map<Long, Long> digests = new HashMap<>();
    private final Set<Long> reversed = new HashSet<>();

    @Serdeable
    public record Result(boolean ok, long entries, long transactions, @Nullable Long firstBrokenSeq,
                         @Nullable String problem, long lastSeq, String lastHash) {
        public String line() {
            return ok ? "ledger OK: " + entries + " entries (" + transactions + " transactions), chain intact, "
                    + "every transaction balances"
                    : "ledger BROKEN at entry " + firstBrokenSeq + ": " + problem + " (" + entries
                    + " entries before it are intact)";
        }
    }

    /** Feeds the next entry; returns false once the ledger is broken. */
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
        } else {
            problem = transaction(e);
        }
        if (problem != null) {
            return fail(e.seq(), problem);
        }
        checked++;
        expectedSeq++;
        previousHash = e.hash();
        lastHash = e.hash();
        return true;
    }

    private boolean fail(long seq, String problem) {
        broken = new Result(false, checked, transactions, seq, problem, checked, lastHash);
        return false;
    }

    /** Double-entry checks as each line arrives; null when fine so far. */
    private String transaction(LedgerEntry e) {
        if (e.legacy()) {
            if (!open.isEmpty() || lastTx > 0) {
                return "an entry without a transaction after double-entry transactions began";
            }
            return null;
        }
        if (!open.isEmpty() && open.get(0).tx().equals(e.tx())) {
            LedgerEntry first = open.get(0);
            if (!first.kind().equals(e.kind()) || !Objects.equals(first.valueDate(), e.valueDate())
                    || !first.reference().equals(e.reference()) || !first.actor().equals(e.actor())
                    || first.atMicros() != e.atMicros() || !Objects.equals(first.reversesTx(), e.reversesTx())) {
                return "line of transaction " + e.tx() + " differs from its first line in kind, date, reference, "
                        + "actor, time or reversal";
            }
            open.add(e);
            return null;
        }
        String closed = close();
        if (closed != null) {
            return closed;
        }
        if (e.tx() != lastTx + 1) {
            return "transaction " + e.tx() + " where " + (lastTx + 1) + " was expected (a transaction missing, "
                    + "reordered or its lines apart)";
        }
        lastTx = e.tx();
        open.add(e);
        return null;
    }

    /** Ends the transaction being read: it must balance, and a reversal must mirror its original. */
    private String close() {
        if (open.isEmpty()) {
            return null;
        }
        LedgerEntry first = open.get(0);
        long sum = 0;
        for (LedgerEntry l : open) {
            sum = Math.addExact(sum, l.amountFen());
        }
        List<LedgerEntry> lines = List.copyOf(open);
        open.clear();
        if (sum != 0) {
            return "transaction " + first.tx() + " (" + first.kind() + ", " + first.reference() + ") does not balance:"
                    + " its lines sum to " + sum + " fen";
        }
        long digest = digest(lines, false);
        if (first.reversesTx() != null) {
            Long original = digests.get(first.reversesTx());
            if (original == null) {
                return "transaction " + first.tx() + " reverses transaction " + first.reversesTx()
                        + ", which is not an earlier transaction";
            }
            if (!reversed.add(first.reversesTx())) {
                return "transaction " + first.reversesTx() + " is reversed twice";
            }
            if (original != digest(lines, true)) {
                return "transaction " + first.tx() + " does not mirror the lines of transaction "
                        + first.reversesTx() + " it reverses";
            }
        }
        digests.put(first.tx(), digest);
        transactions++;
        return null;
    }

    /** Order-independent digest of (account, amount) lines; negated amounts for a reversal. */
    private static long digest(List<LedgerEntry> lines, boolean negate) {
        long acc = 0;
        try {
            for (LedgerEntry l : lines) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(l.account().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '|');
                md.update(Long.toString(negate ? -l.amountFen() : l.amountFen()).getBytes(StandardCharsets.US_ASCII));
                acc += ByteBuffer.wrap(md.digest()).getLong(); // a sum: the order of lines does not matter
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return acc;
    }

    public Result result() {
        if (broken == null) {
            String closed = close();
            if (closed != null) {
                broken = new Result(false, checked, transactions, expectedSeq - 1, closed, checked, lastHash);
            }
        }
        return broken != null ? broken
                : new Result(true, checked, transactions, null, null, expectedSeq - 1, lastHash);
    }
}
