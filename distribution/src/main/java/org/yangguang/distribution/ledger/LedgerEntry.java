package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One ledger entry. {@code hash} = SHA-256 (hex) of {@link #canonical()}, which includes {@code prevHash}, so
 * changing, removing or reordering any entry breaks every later link. Time is kept as epoch microseconds, the
 * precision both databases store exactly. Amounts are signed fen: money in is positive, money out negative.
 */
@Serdeable
@MappedEntity("ledger_entry")
public record LedgerEntry(@Id long seq, long atMicros, String account, String kind, long amountFen, String reference,
                          @Nullable Long reversesSeq, String actor, String prevHash, String hash) {
    public static final String GENESIS = "0".repeat(64);

    public String canonical() {
        return seq + "|" + atMicros + "|" + account + "|" + kind + "|" + amountFen + "|" + reference + "|"
                + (reversesSeq == null ? "" : reversesSeq) + "|" + actor + "|" + prevHash;
    }

    public String computeHash() {
        return sha256(canonical());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String CSV_HEADER = "seq,at_micros,account,kind,amount_fen,reference,reverses_seq,actor,prev_hash,hash";

    /** Fields never contain commas or newlines (validated on append), so the export needs no quoting. */
    public String csv() {
        return seq + "," + atMicros + "," + account + "," + kind + "," + amountFen + "," + reference + ","
                + (reversesSeq == null ? "" : reversesSeq) + "," + actor + "," + prevHash + "," + hash;
    }

    public static LedgerEntry parseCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("expected 10 fields, found " + f.length);
        }
        return new LedgerEntry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4]), f[5],
                f[6].isEmpty() ? null : Long.parseLong(f[6]), f[7], f[8], f[9]);
    }
}
