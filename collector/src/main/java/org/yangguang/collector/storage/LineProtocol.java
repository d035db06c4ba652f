package org.yangguang.collector.storage;

import org.yangguang.contract.Decimals;

import java.util.List;
import java.util.Map;

/**
 * InfluxDB line protocol for {@link Sample}s. Numbers are written in plain decimal notation with the shortest
 * representation that reads back as the same double, so a counter of 123456789 Wh is stored exactly.
 */
public final class LineProtocol {
    private LineProtocol() {
    }

    public static String encode(List<Sample> samples) {
        StringBuilder sb = new StringBuilder(samples.size() * 200);
        for (Sample s : samples) {
            append(sb, s);
            sb.append('\n');
        }
        return sb.toString();
    }

    static void append(StringBuilder sb, Sample s) {
        escapeKey(sb, s.measurement(), true);
        // sorted tags are what InfluxDB indexes fastest; a Sample keeps its tags sorted
        for (Map.Entry<String, String> t : s.tags().entrySet()) {
            if (t.getValue() == null || t.getValue().isEmpty()) {
                continue; // InfluxDB rejects empty tag values; a missing tag is the same series anyway
            }
            sb.append(',');
            escapeKey(sb, t.getKey(), false);
            sb.append('=');
            escapeKey(sb, t.getValue(), false);
        }
        sb.append(' ');
        boolean first = true;
        for (Map.Entry<String, Object> f : s.fields().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            escapeKey(sb, f.getKey(), false);
            sb.append('=');
            Object v = f.getValue();
            if (v instanceof Number n) {
                appendNumber(sb, n.doubleValue());
            } else if (v instanceof Boolean b) {
                sb.append(b);
            } else {
                sb.append('"');
                String str = String.valueOf(v);
                for (int i = 0; i < str.length(); i++) {
                    char c = str.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c == '\n' ? ' ' : c);
                }
                sb.append('"');
            }
        }
        sb.append(' ').append(s.timeMs());
    }

    /**
     * No "i" suffix on integral values: every point field stays a float field. The text is {@link Decimals#plain}'s,
     * written straight into the line for the common cases (an integer, a register times a power of ten) without a
     * String per value: the writer threads print 25 numbers a reading.
     */
    static void appendNumber(StringBuilder sb, double d) {
        int k = Decimals.places(d);
        if (k == 0) {
            sb.append((long) d);
        } else if (k > 0) {
            long m = Decimals.scaled(d, k);
            if (m < 0) {
                sb.append('-');
                m = -m;
            }
            long unit = POW10[k];
            sb.append(m / unit).append('.');
            long frac = m % unit;
            for (long p = unit / 10; p > frac && p > 1; p /= 10) {
                sb.append('0'); // leading zeros of the fraction: 0.05 is 5 with 2 places
            }
            sb.append(frac);
        } else {
            sb.append(Decimals.plain(d));
        }
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};

    private static void escapeKey(StringBuilder sb, String s, boolean measurement) {
        if (plain(s, measurement)) {
            sb.append(s); // ids, point names and units almost never need escaping: one copy, not a char at a time
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (!measurement && c == '=')) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    private static boolean plain(String s, boolean measurement) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (!measurement && c == '=')) {
                return false;
            }
        }
        return true;
    }
}
