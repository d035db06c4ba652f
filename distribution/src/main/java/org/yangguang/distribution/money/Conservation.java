package org.yangguang.distribution.money;

import java.util.Collection;

/**
 * Conservation to the fen (DOMAIN.md, invariants): every computation that splits money checks that the parts
 * add up to the whole. This is a real check, not a Java {@code assert}, so it runs in production too; a
 * violation is a bug and stops the computation instead of paying a wrong amount.
 */
public final class Conservation {
    private Conservation() {
    }

    public static void require(long total, long[] parts, String what) {
        long sum = 0;
        for (long p : parts) {
            sum = Math.addExact(sum, p);
        }
        if (sum != total) {
            throw new ConservationViolation(what + ": parts add up to " + sum + " fen, expected " + total);
        }
    }

    public static void require(Fen total, Collection<Fen> parts, String what) {
        Fen sum = Fen.sum(parts);
        if (!sum.equals(total)) {
            throw new ConservationViolation(what + ": parts add up to " + sum + ", expected " + total);
        }
    }

    /** Thrown when money would be created or lost. */
    public static final class ConservationViolation extends IllegalStateException {
        public ConservationViolation(String message) {
            super(message);
        }
    }
}
