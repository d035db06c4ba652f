package org.yangguang.distribution.ledger;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The county's books: an append-only, hash-chained, double-entry ledger (DOMAIN.md: "a correction is a new reversing
 * entry, never an edit"; policy-notes: one set of books, a ledger per village, reconciled to the 专户). Every money
 * movement is one {@link Posting} whose lines balance; {@link #post} runs inside the caller's transaction, so a
 * movement and its entries commit together, and the head row lock makes posts from any number of threads or
 * processes one chain. Balances on any date come from here alone. The chart of accounts is {@link Fund}.
 */
@Singleton
public class Ledger {
    public static final String REVERSAL = "REVERSAL";
    private static final String SAFE = "[^,\\r\\n|]{1,200}";
    private static final int PAGE = 5_000;

    private final LedgerRepository entries;
    private final LedgerHeadRepository head;
    private final LedgerReversalRepository reversals;
    private final BeanProvider<ReversalHandler> handlers;
    private final ApplicationEventPublisher<LedgerAppended> events;
    private final Checkpoints checkpoints;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;
    private volatile String ledgerId;

    public Ledger(LedgerRepository entries, LedgerHeadRepository head, LedgerReversalRepository reversals,
                  BeanProvider<ReversalHandler> handlers, ApplicationEventPublisher<LedgerAppended> events,
                  Checkpoints checkpoints, Scopes scopes, Audit audit, BusinessCalendar calendar) {
        this.entries = entries;
        this.head = head;
        this.reversals = reversals;
        this.handlers = handlers;
        this.events = events;
        this.checkpoints = checkpoints;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
    }

    /** The head as printed on notices, household pages and batches: anyone can later check it against the books. */
    @Serdeable
    public record Head(long seq, String hash, String ledgerId) {
        public String printed() {
            return "#" + seq + " " + hash;
        }
    }

    /** A posted transaction: its number and entries. */
    public record Posted(long tx, long firstSeq, long lastSeq, String hash) {
    }

    /** Names this ledger once, and checkpoints the head found at start-up (it may predate the last checkpoint). */
    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        head.name(UUID.randomUUID().toString());
        LedgerHead h = head.read();
        ledgerId = h.ledgerId();
        if (h.lastSeq() > 0) {
            checkpoints.write(ledgerId, h.lastSeq(), h.lastHash());
        }
    }

    private String ledgerId() {
        if (ledgerId == null) {
            ledgerId = head.read().ledgerId();
        }
        return ledgerId;
    }

    /** Appends one balanced transaction; refuses (a bug, not a user error) one that does not balance. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Posted post(String actor, Posting p) {
        List<Posting.Line> lines = p.lines();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs lines: " + p.kind() + " " + p.reference());
        }
        if (p.sum() != 0) {
            throw new IllegalStateException("transaction " + p.kind() + " " + p.reference() + " does not balance: "
                    + p.sum() + " fen");
        }
        if (p.valueDate() == null) {
            throw new IllegalArgumentException("a transaction needs its value date");
        }
        for (String f : new String[]{actor, p.kind(), p.reference()}) {
            requireSafe(f);
        }
        lines.forEach(l -> requireSafe(l.account()));
        LedgerHead h = head.lock();
        long tx = h.lastTx() + 1;
        long seq = h.lastSeq();
        String prev = h.lastHash();
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, calendar.clock().instant());
        List<LedgerEntry> out = new ArrayList<>(lines.size());
        for (Posting.Line l : lines) {
            seq++;
            LedgerEntry e = new LedgerEntry(seq, micros, tx, p.kind(), p.valueDate(), l.account(), l.amountFen(),
                    p.reference(), null, p.reversesTx(), actor, prev, "");
            e = e.withHash(e.computeHash());
            out.add(e);
            prev = e.hash();
        }
        entries.saveAll(out);
        head.move(seq, prev, tx);
        if (p.reversesTx() != null) {
            reversals.save(new LedgerReversal(p.reversesTx(), tx));
        }
        events.publishEvent(new LedgerAppended(ledgerId(), seq, prev));
        return new Posted(tx, out.get(0).seq(), seq, prev);
    }

    private static void requireSafe(String f) {
        if (f == null || !f.matches(SAFE)) {
            throw new IllegalArgumentException("ledger fields are 1-200 characters without commas, '|' or newlines: "
                    + f);
        }
    }

    /**
     * A correction through the API: the transaction holding entry {@code seq} is reversed by a new transaction with
     * every line negated (once), and its owner ({@link ReversalHandler}) makes what it describes follow — a reversed
     * payment is no longer paid, a reversed receipt's money is taken back from its owners.
     */
    @Transactional
    public Posted reverse(Actor actor, long seq, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        LedgerEntry entry = entries.findBySeq(seq).orElseThrow(() -> ApiException.notFound("unknown_entry",
                "no ledger entry " + seq, "seq"));
        if (entry.legacy()) {
            throw ApiException.conflict("legacy_entry", "entry " + seq + " was written before double entry "
                    + "(migration 10) and is kept as it is", "seq");
        }
        if (entry.reversesTx() != null) {
            throw ApiException.conflict("reversal_of_reversal", "entry " + seq + " belongs to a reversal; record a new "
                    + "transaction instead", "seq");
        }
        if (reversals.findByReversesTx(entry.tx()).isPresent()) {
            throw ApiException.conflict("already_reversed", "transaction " + entry.tx() + " (entry " + seq
                    + ") is already reversed", "seq");
        }
        ReversalHandler handler = handlers.stream().filter(h -> h.kinds().contains(entry.kind())).findFirst()
                .orElseThrow(() -> ApiException.conflict("not_reversible", entry.kind() + " transactions are not "
                        + "reversed by hand: " + hint(entry.kind()), "seq"));
        Posted r = reverseTx(actor.username(), entry.tx(), "reverses " + entry.kind().toLowerCase() + " tx "
                + entry.tx());
        handler.reversed(actor, entry.tx(), r.tx(), why);
        audit.record(actor, "ledger.reverse", "ledger_entry", String.valueOf(seq), why, "transaction " + entry.tx()
                + " (" + entry.kind() + ") reversed by transaction " + r.tx());
        return r;
    }

    private static String hint(String kind) {
        return switch (kind) {
            case "SPLIT" -> "a receipt's split follows its receipt (reverse the RECEIPT), or a reallocation";
            case "PLAN" -> "an approved plan's money leaves the fund by its payments; correct it in a later plan";
            default -> "they are written by the service as a consequence of another transaction";
        };
    }

    /** Reverses a transaction for its owner (a handler, a reallocation): every line negated, dated today. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Posted reverseTx(String actor, long tx, String reference) {
        List<LedgerEntry> original = entries.findByTxOrderBySeq(tx);
        if (original.isEmpty()) {
            throw new IllegalArgumentException("no transaction " + tx);
        }
        if (reversals.findByReversesTx(tx).isPresent()) {
            throw ApiException.conflict("already_reversed", "transaction " + tx + " is already reversed", null);
        }
        Posting p = Posting.reversal(calendar.today(), reference, tx);
        for (LedgerEntry e : original) {
            p.line(e.account(), Math.negateExact(e.amountFen()));
        }
        return post(actor, p);
    }

    public boolean isReversed(long tx) {
        return reversals.findByReversesTx(tx).isPresent();
    }

    /** The lines of a transaction. */
    public List<LedgerEntry> lines(long tx) {
        return entries.findByTxOrderBySeq(tx);
    }

    /** Σ of an account (debits positive). */
    public long sum(String account) {
        return entries.sum(account);
    }

    /** Σ of an account counting entries whose value date is on or before {@code date}. */
    public long sumOn(String account, LocalDate date) {
        return entries.sumUntil(account, date);
    }

    /** Σ of lines of {@code kind} on an account dated after {@code date}, of transactions not reversed. */
    public long sumOfKindAfter(String account, String kind, LocalDate date) {
        return entries.sumOfKindAfter(account, kind, date);
    }

    /** Every account starting with {@code prefix} (a county, a fund) with its Σ on {@code date}. */
    public List<AccountSum> sums(String prefix, LocalDate date) {
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return entries.sumsLike(pattern, date);
    }

    @Transactional
    public Head head() {
        LedgerHead h = head.read();
        return new Head(h.lastSeq(), h.lastHash(), h.ledgerId());
    }

    @Transactional
    public LedgerAudit.Verification verify(Actor actor) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        return verifyAll();
    }

    /** The whole check where the service runs: chain, double entry and this service's checkpoints. */
    @Transactional
    public LedgerAudit.Verification verifyAll() {
        return LedgerAudit.run(inOrder(), new Checkpoints.Reader(checkpoints.dir()), ledgerId(),
                checkpoints.settings().trustedKeys().isEmpty() ? List.of(checkpoints.key().publicKey())
                        : checkpoints.settings().trustedKeys(), true, null);
    }

    /** Every entry in order, read a page at a time. */
    private Iterator<LedgerEntry> inOrder() {
        return new Iterator<>() {
            private List<LedgerEntry> page = entries.findPage(0, PAGE);
            private int i;

            @Override
            public boolean hasNext() {
                if (i < page.size()) {
                    return true;
                }
                if (page.size() < PAGE) {
                    return false;
                }
                page = entries.findPage(page.get(page.size() - 1).seq(), PAGE);
                i = 0;
                return !page.isEmpty();
            }

            @Override
            public LedgerEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(i++);
            }
        };
    }

    @Transactional
    public List<LedgerEntry> account(Actor actor, String account) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        requireOwnCounty(actor, account);
        return entries.findByAccountOrderBySeq(account);
    }

    /** A county's trial balance on a date: every account of the county, with the cash it reconciles to. */
    @Transactional
    public List<AccountSum> books(Actor actor, String county, LocalDate date) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE, Role.COUNTY_APPROVER);
        requireOwnCounty(actor, county + ":");
        return sums(county + ":", date);
    }

    private void requireOwnCounty(Actor actor, String account) {
        if (!scopes.countyCodeOf(actor).map(c -> account.startsWith(c + ":")).orElse(false)) {
            throw Scopes.forbidden("accounts of another county are not yours to read");
        }
    }

    @Transactional
    public String export(Actor actor) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN, Role.FINANCE);
        StringBuilder sb = new StringBuilder(LedgerEntry.CSV_HEADER).append('\n');
        for (Iterator<LedgerEntry> it = inOrder(); it.hasNext(); ) {
            sb.append(it.next().csv()).append('\n');
        }
        return sb.toString();
    }

    /** This ledger's id, for an export's reader. */
    public String id() {
        return ledgerId();
    }
}
