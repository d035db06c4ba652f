package org.yangguang.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers kept as merged, inclusive ranges: {@code 1-40, 42-90}. What a {@link Receipt} names,
 * what a gateway's buffer has confirmed above its low-water mark, what a gateway waits to hear about and what a
 * collector knows a gateway has stored. Readings arrive in long runs, so a day of a station's sequence numbers is
 * a handful of ranges, not a set of a hundred thousand boxed longs.
 *
 * <p>Not thread-safe: each owner guards its own.
 */
public final class SeqRanges implements Iterable<SeqRanges.Range> {
    /** {@code first..last}, both included, {@code first <= last}. */
    public record Range(long first, long last) {
        public Range {
            if (first > last) {
                throw new IllegalArgumentException("range " + first + ".." + last + " is empty");
            }
        }

        public long size() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    /** first → last, disjoint and never adjacent (adjacent ranges are merged). */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public SeqRanges() {
    }

    public static SeqRanges of(long first, long last) {
        SeqRanges r = new SeqRanges();
        r.add(first, last);
        return r;
    }

    public static SeqRanges copyOf(SeqRanges other) {
        SeqRanges r = new SeqRanges();
        r.ranges.putAll(other.ranges);
        return r;
    }

    public void add(long seq) {
        add(seq, seq);
    }

    /** Adds {@code first..last}; returns how many of them were not in the set before. */
    public long add(long first, long last) {
        if (first > last) {
            return 0;
        }
        long before = count(first, last);
        long from = first;
        long to = last;
        Map.Entry<Long, Long> below = ranges.floorEntry(first);
        if (below != null && below.getValue() >= first - 1) {
            from = below.getKey();
            to = Math.max(to, below.getValue());
        }
        // every range starting inside (from .. to + 1] is swallowed
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(from); e != null && e.getKey() <= to + 1; e = ranges.ceilingEntry(from)) {
            to = Math.max(to, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(from, to);
        return (last - first + 1) - before;
    }

    public void addAll(SeqRanges other) {
        for (Map.Entry<Long, Long> e : other.ranges.entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    /** Removes {@code first..last}; returns how many of them were in the set. */
    public long remove(long first, long last) {
        if (first > last) {
            return 0;
        }
        long removed = 0;
        Map.Entry<Long, Long> e = ranges.floorEntry(first);
        if (e == null || e.getValue() < first) {
            e = ranges.higherEntry(first);
        }
        while (e != null && e.getKey() <= last) {
            long a = e.getKey();
            long b = e.getValue();
            ranges.remove(a);
            if (a < first) {
                ranges.put(a, first - 1);
            }
            if (b > last) {
                ranges.put(last + 1, b);
            }
            removed += Math.min(b, last) - Math.max(a, first) + 1;
            e = ranges.higherEntry(a);
        }
        return removed;
    }

    public void removeAll(SeqRanges other) {
        for (Map.Entry<Long, Long> e : other.ranges.entrySet()) {
            remove(e.getKey(), e.getValue());
        }
    }

    /** Drops everything at or below {@code seq}. */
    public void removeUpTo(long seq) {
        if (!ranges.isEmpty() && ranges.firstKey() <= seq) {
            remove(ranges.firstKey(), seq);
        }
    }

    public boolean contains(long seq) {
        Map.Entry<Long, Long> e = ranges.floorEntry(seq);
        return e != null && e.getValue() >= seq;
    }

    /** How many of {@code first..last} are in the set. */
    public long count(long first, long last) {
        long n = 0;
        Map.Entry<Long, Long> e = ranges.floorEntry(first);
        if (e == null || e.getValue() < first) {
            e = ranges.higherEntry(first);
        }
        while (e != null && e.getKey() <= last) {
            n += Math.min(e.getValue(), last) - Math.max(e.getKey(), first) + 1;
            e = ranges.higherEntry(e.getKey());
        }
        return n;
    }

    /** How many sequence numbers the set holds. */
    public long count() {
        long n = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            n += e.getValue() - e.getKey() + 1;
        }
        return n;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The lowest number in the set; the set must not be empty. */
    public long first() {
        return ranges.firstKey();
    }

    /** The highest number in the set; the set must not be empty. */
    public long last() {
        return ranges.lastEntry().getValue();
    }

    /** The range holding {@code seq}, or null. */
    public Range rangeOf(long seq) {
        Map.Entry<Long, Long> e = ranges.floorEntry(seq);
        return e != null && e.getValue() >= seq ? new Range(e.getKey(), e.getValue()) : null;
    }

    /** The parts of {@code first..last} not in the set, in order. */
    public List<Range> missing(long first, long last) {
        List<Range> out = new ArrayList<>();
        long next = first;
        Map.Entry<Long, Long> e = ranges.floorEntry(first);
        if (e == null || e.getValue() < first) {
            e = ranges.higherEntry(first);
        }
        while (e != null && e.getKey() <= last && next <= last) {
            if (e.getKey() > next) {
                out.add(new Range(next, e.getKey() - 1));
            }
            next = Math.max(next, e.getValue() + 1);
            e = ranges.higherEntry(e.getKey());
        }
        if (next <= last) {
            out.add(new Range(next, last));
        }
        return out;
    }

    public int rangeCount() {
        return ranges.size();
    }

    public List<Range> ranges() {
        List<Range> out = new ArrayList<>(ranges.size());
        ranges.forEach((a, b) -> out.add(new Range(a, b)));
        return out;
    }

    @Override
    public Iterator<Range> iterator() {
        return ranges().iterator();
    }

    public void clear() {
        ranges.clear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeqRanges s && s.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** "1-40,42,44-90", as logs and messages write it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(e.getKey());
            if (!e.getValue().equals(e.getKey())) {
                sb.append('-').append(e.getValue());
            }
        }
        return sb.toString();
    }
}
