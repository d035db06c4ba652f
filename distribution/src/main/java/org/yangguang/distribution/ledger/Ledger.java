package org.yangguang.distribution.ledger;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only ledger (DOMAIN.md: "a correction is a new reversing entry, never an edit"). Appends run inside
 * the caller's transaction, so money movements and their entries commit together; the head row lock makes
 * appends from any number of threads or processes form one chain.
 */
@Singleton
public class Ledger {
    private static final String SAFE = "[^,\\r\\n]{1,128}";

    private final LedgerRepository entries;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;

    public Ledger(LedgerRepository entries, Scopes scopes, Audit audit, Clock clock) {
        this.entries = entries;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public LedgerEntry append(String actor, String account, String kind, long amountFen, String reference,
                              Long reversesSeq) {
        for (String f : new String[]{actor, account, kind, reference}) {
            if (f == null || !f.matches(SAFE)) {
                throw new IllegalArgumentException("ledger fields are 1-128 characters without commas or newlines: "
                        + f);
            }
        }
        long seq = entries.lockHeadSeq() + 1;
        String prev = entries.headHash();
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
        LedgerEntry draft = new LedgerEntry(seq, micros, account, kind, amountFen, reference, reversesSeq, actor, prev,
                "");
        LedgerEntry e = new LedgerEntry(seq, micros, account, kind, amountFen, reference, reversesSeq, actor, prev,
                draft.computeHash());
        entries.save(e);
        entries.moveHead(seq, e.hash());
        return e;
    }

    /** A correction: a new entry with the opposite amount, pointing at the entry it reverses (once only). */
    @Transactional
    public LedgerEntry reverse(Actor actor, long seq, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        LedgerEntry original = entries.findBySeq(seq).orElseThrow(() -> ApiException.notFound("unknown_entry",
                "no ledger entry " + seq, "seq"));
        if (original.reversesSeq() != null) {
            throw ApiException.conflict("reversal_of_reversal", "entry " + seq + " is itself a reversal; record a new "
                    + "entry instead", "seq");
        }
        if (entries.existsByReversesSeq(seq)) {
            throw ApiException.conflict("already_reversed", "entry " + seq + " is already reversed", "seq");
        }
        LedgerEntry r = append(actor.username(), original.account(), "REVERSAL", -original.amountFen(),
                "reverses " + seq, seq);
        audit.record(actor, "ledger.reverse", "ledger_entry", String.valueOf(seq), why, "reversal entry " + r.seq());
        return r;
    }

    @Transactional
    public ChainVerifier.Result verify(Actor actor) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        return verifyAll();
    }

    @Transactional
    public ChainVerifier.Result verifyAll() {
        ChainVerifier v = new ChainVerifier();
        for (LedgerEntry e : entries.findAllInOrder()) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v.result();
    }

    @Transactional
    public List<LedgerEntry> account(Actor actor, String account) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        return entries.findByAccountOrderBySeq(account);
    }

    @Transactional
    public String export(Actor actor) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        StringBuilder sb = new StringBuilder(LedgerEntry.CSV_HEADER).append('\n');
        for (LedgerEntry e : entries.findAllInOrder()) {
            sb.append(e.csv()).append('\n');
        }
        return sb.toString();
    }
}
