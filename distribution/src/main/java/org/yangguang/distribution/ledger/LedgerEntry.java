package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One ledger entry: a line of a double-entry transaction {@code tx}. {@code hash} = SHA-256 (hex) of
 * {@link #canonical()}, which includes {@code prevHash}, so changing, removing or reordering any entry breaks every
 * later link; what stops someone who recomputes every later hash is the signed checkpoints outside the database
 * ({@link Checkpoints}). Time is epoch microseconds, the precision both databases store exactly. Amounts are signed
 * fen: debit positive, credit negative; the lines of a transaction sum to zero.
 *
 * <p>Entries written before migration 10 have no {@code tx}: single-sided records hashed in the first format
 * ({@code seq|at|account|kind|amount|reference|reverses_seq|actor|prev}); they are still verified by the chain.
 */
@Serdeable
@MappedEntity("ledger_entry")
public record LedgerEntry(@Id long seq, long atMicros, @Nullable Long tx, String kind, @Nullable LocalDate valueDate,
                          String account, long amountFen, String reference, @Nullable Long reversesSeq,
                          @Nullable Long reversesTx, String actor, String prevHash, String hash) {
    public static final String GENESIS = "0".repeat(64);

    public boolean legacy() {
        return tx == null;
    }

    public String canonical() {
        if (legacy()) {
            return seq + "|" + atMicros + "|" + account + "|" + kind + "|" + amountFen + "|" + reference + "|"
                    + (reversesSeq == null ? "" : reversesSeq) + "|" + actor + "|" + prevHash;
        }
        return "v2|" + seq + "|" + atMicros + "|" + tx + "|" + kind + "|" + valueDate + "|" + account + "|"
                + amountFen + "|" + reference + "|" + (reversesTx == null ? "" : reversesTx) + "|" + actor + "|"
                + prevHash;
    }

    public String computeHash() {
        return sha256(canonical());
    }

    public LedgerEntry withHash(String h) {
        return new LedgerEntry(seq, atMicros, tx, kind, valueDate, account, amountFen, reference, reversesSeq,
                reversesTx, actor, prevHash, h);
    }

    /** One digest per thread: MessageDigest.getInstance costs more than hashing an entry. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String sha256(String s) {
        return HexFormat.of().formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    public static final String CSV_HEADER =
            "seq,at_micros,tx,kind,value_date,account,amount_fen,reference,reverses_seq,reverses_tx,actor,prev_hash,hash";
    /** The export's header before double entry (migration 10); such files are still read. */
    static final String CSV_HEADER_V1 = "seq,at_micros,account,kind,amount_fen,reference,reverses_seq,actor,prev_hash,hash";

    /** Fields never contain commas or newlines (validated on append), so the export needs no quoting. */
    public String csv() {
        return seq + "," + atMicros + "," + opt(tx) + "," + kind + "," + (valueDate == null ? "" : valueDate) + ","
                + account + "," + amountFen + "," + reference + "," + opt(reversesSeq) + "," + opt(reversesTx) + ","
                + actor + "," + prevHash + "," + hash;
    }

    private static String opt(Long v) {
        return v == null ? "" : v.toString();
    }

    /** A line of an export, in the current or the pre-double-entry format (by its number of fields). */
    public static LedgerEntry parseCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length == 10) {
            return new LedgerEntry(Long.parseLong(f[0]), Long.parseLong(f[1]), null, f[3], null, f[2],
                    Long.parseLong(f[4]), f[5], f[6].isEmpty() ? null : Long.parseLong(f[6]), null, f[7], f[8], f[9]);
        }
        if (f.length != 13) {
            throw new IllegalArgumentException("expected 13 fields, found " + f.length);
        }
        return new LedgerEntry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].isEmpty() ? null : Long.parseLong(f[2]),
                f[3], f[4].isEmpty() ? null : LocalDate.parse(f[4]), f[5], Long.parseLong(f[6]), f[7],
                f[8].isEmpty() ? null : Long.parseLong(f[8]), f[9].isEmpty() ? null : Long.parseLong(f[9]), f[10],
                f[11], f[12]);
    }
}
