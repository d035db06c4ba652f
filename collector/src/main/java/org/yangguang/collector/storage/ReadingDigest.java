package org.yangguang.collector.storage;

import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;

import java.util.Map;

/**
 * A reading's fingerprint, stored with it ({@code readings.digest}): two readings of a device at the same time are
 * the same reading (a replay, a redelivery) exactly when their digests are equal, and then storing the second changes
 * nothing; otherwise the second is refused, so stored history never changes under anyone's hand. Taken over what
 * is stored, decoded (so two spellings of one reading agree): gateway, sequence number, kind, model, status, error
 * and each point's name, unit, exact value bits and text, in order. 64-bit FNV-1a: the readings compared are one
 * device's at one millisecond, where a chance collision is not a concern, and it costs a fraction of a microsecond.
 */
public final class ReadingDigest {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ReadingDigest() {
    }

    public static String of(Telemetry t) {
        long h = OFFSET;
        h = text(h, t.gateway());
        h = number(h, t.seq());
        h = text(h, t.kind());
        h = text(h, t.model());
        h = text(h, t.status().wire());
        h = text(h, t.error());
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            PointValue v = e.getValue();
            h = text(h, e.getKey());
            h = text(h, v.unit());
            h = number(h, Double.doubleToLongBits(v.value() == 0 ? 0.0 : v.value())); // -0 reads back as 0
            h = text(h, v.text());
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long text(long h, String s) {
        if (s == null) {
            return number(h, -1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * PRIME;
            h = (h ^ (c >>> 8)) * PRIME;
        }
        return (h ^ 0x1f) * PRIME; // a separator, so that "ab"+"c" and "a"+"bc" differ
    }

    private static long number(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (i * 8)) & 0xff)) * PRIME;
        }
        return h;
    }
}
