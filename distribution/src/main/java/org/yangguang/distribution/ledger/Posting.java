package org.yangguang.distribution.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction to post: its kind, business date, reference and balanced lines. Built with {@link #debit} and
 * {@link #credit}; lines of zero fen are left out (a village whose share of a receipt rounds to nothing).
 */
public final class Posting {
    /** One line: debit positive, credit negative. */
    public record Line(String account, long amountFen) {
    }

    private final String kind;
    private final LocalDate valueDate;
    private final String reference;
    private final Long reversesTx;
    private final List<Line> lines = new ArrayList<>();

    private Posting(String kind, LocalDate valueDate, String reference, Long reversesTx) {
        this.kind = kind;
        this.valueDate = valueDate;
        this.reference = reference;
        this.reversesTx = reversesTx;
    }

    public static Posting of(String kind, LocalDate valueDate, String reference) {
        return new Posting(kind, valueDate, reference, null);
    }

    static Posting reversal(LocalDate valueDate, String reference, long reversesTx) {
        return new Posting(Ledger.REVERSAL, valueDate, reference, reversesTx);
    }

    public Posting debit(String account, long fen) {
        return line(account, fen);
    }

    public Posting credit(String account, long fen) {
        return line(account, Math.negateExact(fen));
    }

    /** A signed line (debit positive). */
    public Posting line(String account, long signedFen) {
        if (signedFen != 0) {
            lines.add(new Line(account, signedFen));
        }
        return this;
    }

    public String kind() {
        return kind;
    }

    public LocalDate valueDate() {
        return valueDate;
    }

    public String reference() {
        return reference;
    }

    public Long reversesTx() {
        return reversesTx;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Σ lines, exactly (an overflow is an error, not a wrap). */
    public long sum() {
        long s = 0;
        for (Line l : lines) {
            s = Math.addExact(s, l.amountFen());
        }
        return s;
    }
}
