package org.yangguang.collector.storage;

import org.yangguang.contract.Decimals;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
        // sorted tags are what InfluxDB indexes fastest; Sample keeps them sorted already
        Map<String, String> tags = s.tags() instanceof SortedMap<String, String> sorted ? sorted : new TreeMap<>(s.tags());
        for (Map.Entry<String, String> t : tags.entrySet()) {
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

    /** No "i" suffix on integral values: every point field stays a float field. */
    static void appendNumber(StringBuilder sb, double d) {
        sb.append(Decimals.plain(d));
    }

    private static void escapeKey(StringBuilder sb, String s, boolean measurement) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (!measurement && c == '=')) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
