package org.yangguang.gateway.buffer;

import org.yangguang.contract.SeqRanges;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongPredicate;

/**
 * Which buffered readings a collector has confirmed (a receipt named them stored or refused): everything up to a
 * low-water mark, and the ranges confirmed above it (receipts come in any order: a reading lost by the broker and
 * sent again is confirmed long after the ones behind it). The mark is persisted in the buffer's {@code acked} file;
 * the ranges above it are not, so after a restart those readings are sent once more (a duplicate the collector
 * recognises and counts).
 *
 * <p>Guarded by the {@link DiskBuffer} that owns it.
 */
final class Confirmations {
    private final Path file;
    private long upTo;
    private volatile long persisted;
    private final SeqRanges above = new SeqRanges();

    private Confirmations(Path file, long upTo) {
        this.file = file;
        this.upTo = upTo;
        this.persisted = upTo;
    }

    static Confirmations load(Path dir) throws IOException {
        Path f = dir.resolve("acked");
        long upTo = Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : 0;
        return new Confirmations(f, upTo);
    }

    /** Everything at or below this is confirmed (or was lost and is no longer waited for). */
    long upTo() {
        return upTo;
    }

    boolean isConfirmed(long seq) {
        return seq <= upTo || above.contains(seq);
    }

    /** How many of {@code first..last} are confirmed above the mark. */
    long confirmedAbove(long first, long last) {
        return above.count(Math.max(first, upTo + 1), last);
    }

    /** Adds {@code first..last}; returns how many of them were not confirmed before. */
    long confirm(long first, long last) {
        if (last <= upTo) {
            return 0;
        }
        return above.add(Math.max(first, upTo + 1), last);
    }

    /**
     * Moves the mark over every confirmed reading next to it, and over sequence numbers that have no record
     * ({@code exists} false: lost to the quota or to vanished storage), which nobody will ever confirm.
     */
    void advance(LongPredicate exists, long nextSeq) {
        while (true) {
            if (!above.isEmpty() && above.first() == upTo + 1) {
                upTo = above.rangeOf(upTo + 1).last();
                above.removeUpTo(upTo);
            } else if (upTo + 1 < nextSeq && !above.isEmpty() && !exists.test(upTo + 1)) {
                upTo++;
            } else {
                return;
            }
        }
    }

    /** Forgets readings up to {@code seq} as if confirmed (their segment was dropped for the quota). */
    void skipTo(long seq) {
        if (seq > upTo) {
            upTo = seq;
            above.removeUpTo(seq);
        }
    }

    /** Forgets confirmations in {@code first..last} (their segment is gone); returns how many there were. */
    long forget(long first, long last) {
        return above.remove(first, last);
    }

    /** The ranges confirmed above the mark (a copy). */
    SeqRanges above() {
        return SeqRanges.copyOf(above);
    }

    /** Writes the mark (temporary file and atomic rename, so a power cut leaves the old or the new one). */
    void persist(long mark) throws IOException {
        if (persisted == mark) {
            return;
        }
        Path tmp = file.resolveSibling("acked.tmp");
        Files.writeString(tmp, Long.toString(mark));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        persisted = mark;
    }
}
