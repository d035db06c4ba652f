package org.yangguang.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link Telemetry} as JSON bytes directly. A gateway encodes every reading it polls, and a general
 * JSON generator spent ~7 µs on a 23-point reading (a quarter of a loopback Modbus read, docs/performance.md);
 * the names, units and ids repeat in every message, so their escaped UTF-8 is cached and copied.
 * The output is ordinary JSON that {@link TelemetryCodec#decode} and any parser read.
 */
final class TelemetryWriter {
    private static final byte[] HEAD = bytes("{\"schema\":");
    private static final byte[] STATION = bytes(",\"station\":");
    private static final byte[] GATEWAY = bytes(",\"gateway\":");
    private static final byte[] DEVICE = bytes(",\"device\":");
    private static final byte[] KIND = bytes(",\"kind\":");
    private static final byte[] MODEL = bytes(",\"model\":");
    private static final byte[] TS = bytes(",\"ts\":");
    private static final byte[] SEQ = bytes(",\"seq\":");
    private static final byte[] STATUS = bytes(",\"status\":");
    private static final byte[] ERROR = bytes(",\"error\":");
    private static final byte[] POINTS = bytes(",\"points\":{");
    private static final byte[] VALUE = bytes(":{\"value\":");
    private static final byte[] UNIT = bytes(",\"unit\":");
    private static final byte[] TEXT = bytes(",\"text\":");
    private static final byte[] HEX = bytes("0123456789abcdef");
    /** Quoted, escaped UTF-8 of strings that repeat (ids, point names, units, states); bounded. */
    private static final Map<String, byte[]> QUOTED = new ConcurrentHashMap<>();
    private static final int QUOTED_MAX = 4096;

    private byte[] buf;
    private int len;

    private TelemetryWriter(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] write(Telemetry t) {
        TelemetryWriter w = new TelemetryWriter(256 + 64 * t.points().size());
        w.raw(HEAD).number(t.schema());
        w.raw(STATION).cached(t.station());
        w.raw(GATEWAY).cached(t.gateway());
        w.raw(DEVICE).cached(t.device());
        w.raw(KIND).cached(t.kind());
        w.raw(MODEL).cached(t.model());
        w.raw(TS).number(t.ts());
        w.raw(SEQ).number(t.seq());
        w.raw(STATUS).cached(t.status().wire());
        if (t.error() != null) {
            w.raw(ERROR).string(t.error());
        }
        w.raw(POINTS);
        boolean first = true;
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            if (!first) {
                w.put((byte) ',');
            }
            first = false;
            PointValue v = e.getValue();
            w.cached(e.getKey()).raw(VALUE).number(v.value());
            w.raw(UNIT).cached(v.unit());
            if (v.text() != null) {
                w.raw(TEXT).cached(v.text());
            }
            w.put((byte) '}');
        }
        w.put((byte) '}').put((byte) '}');
        return Arrays.copyOf(w.buf, w.len);
    }

    /** Straight into the buffer: a Long.toString per number was a third of the gateway's storing (JFR). */
    private TelemetryWriter number(long v) {
        if (v == Long.MIN_VALUE) {
            return digits(Long.toString(v));
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        return fixedDigits(v, digitCount(v));
    }

    /** The last {@code n} decimal digits of {@code v} (≥ 0), leading zeros kept. */
    private TelemetryWriter fixedDigits(long v, int n) {
        ensure(n);
        for (int i = len + n - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += n;
        return this;
    }

    /**
     * Integral values without a fraction so they read back exactly; others shortest and plain: the same text as
     * {@link Decimals#plain}, written without building it when the value is a register times a power of ten.
     */
    private TelemetryWriter number(double v) {
        int k = Decimals.places(v);
        if (k < 0) {
            return digits(Decimals.plain(v));
        }
        if (k == 0) {
            return number((long) v);
        }
        long m = Decimals.scaled(v, k);
        if (m < 0) {
            put((byte) '-');
            m = -m;
        }
        int n = digitCount(m);
        if (n <= k) { // 0.05: "0." then k - n zeros, then the digits
            ensure(2 + k - n);
            buf[len++] = '0';
            buf[len++] = '.';
            for (int i = n; i < k; i++) {
                buf[len++] = '0';
            }
            return number(m);
        }
        long unit = 1;
        for (int i = 0; i < k; i++) {
            unit *= 10;
        }
        number(m / unit);
        put((byte) '.');
        return fixedDigits(m % unit, k); // exactly k digits: 230.05 has the fraction 5 written "05"
    }

    /** Digits of {@code v} ≥ 0: comparisons, not a division per digit (a reading has ~25 numbers). */
    private static int digitCount(long v) {
        int n = 1;
        for (long p = 10; n < 19 && v >= p; p *= 10) {
            n++;
        }
        return n;
    }

    private TelemetryWriter cached(String s) {
        byte[] q = QUOTED.get(s);
        if (q == null) {
            q = quote(s);
            if (QUOTED.size() < QUOTED_MAX) {
                QUOTED.put(s, q);
            }
        }
        return raw(q);
    }

    private TelemetryWriter string(String s) {
        return raw(quote(s));
    }

    /** JSON string literal: quotes, backslash and control characters escaped, the rest as UTF-8. */
    static byte[] quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xF]);
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly right for ASCII digits
    private TelemetryWriter digits(String s) {
        ensure(s.length());
        s.getBytes(0, s.length(), buf, len); // ASCII digits, signs and exponents only
        len += s.length();
        return this;
    }

    private TelemetryWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    private TelemetryWriter put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
