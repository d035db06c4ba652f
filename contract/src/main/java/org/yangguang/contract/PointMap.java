package org.yangguang.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A reading's points in the order they were decoded, immutable. {@link Telemetry} keeps a PointMap as it is and
 * copies any other map: the gateway's decoders and the codec build one with {@link Builder}, so a reading's points
 * are not copied again on the store thread of every gateway or the event loop of every collector.
 */
public final class PointMap extends ReadOnlyMap<PointValue> {
    private static final PointMap EMPTY = new PointMap(new LinkedHashMap<>());

    private PointMap(LinkedHashMap<String, PointValue> points) {
        super(points);
    }

    /** The points of {@code m} in its iteration order; {@code m} itself when it is a PointMap. */
    public static PointMap copyOf(Map<String, PointValue> m) {
        if (m instanceof PointMap p) {
            return p;
        }
        if (m.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder();
        m.forEach(b::put);
        return b.build();
    }

    public static PointMap empty() {
        return EMPTY;
    }

    /** Collects points in order; {@link #build()} hands them over, and the builder cannot be used after it. */
    public static final class Builder {
        private LinkedHashMap<String, PointValue> points;

        public Builder() {
            this(16);
        }

        /** For about {@code expected} points: the map is sized so that it never rehashes on the way. */
        public Builder(int expected) {
            points = new LinkedHashMap<>(Math.max(16, expected * 4 / 3 + 1));
        }

        /** Adds or replaces a point (a name keeps its first position). */
        public Builder put(String name, PointValue value) {
            open().put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a point unless one of that name is there already. */
        public Builder putIfAbsent(String name, PointValue value) {
            open().putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public boolean containsKey(String name) {
            return open().containsKey(name);
        }

        public boolean isEmpty() {
            return open().isEmpty();
        }

        public PointMap build() {
            PointMap m = open().isEmpty() ? EMPTY : new PointMap(points);
            points = null; // the map now belongs to m, which never changes
            return m;
        }

        private LinkedHashMap<String, PointValue> open() {
            if (points == null) {
                throw new IllegalStateException("this builder was already built");
            }
            return points;
        }
    }
}
