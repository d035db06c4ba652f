package org.yangguang.collector.storage;

import java.util.Map;

/**
 * One line to store: measurement, tags, fields (Double or String) and time in epoch milliseconds. Client-neutral so
 * that a store for InfluxDB 2.x/3.x can take the same samples.
 */
public record Sample(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMs) {
    public Sample {
        tags = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tags)); // sorted: line protocol wants it so
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)); // lines read in payload order
        if (fields.containsValue(null) || fields.containsKey(null)) {
            throw new IllegalArgumentException("a sample field is null: " + measurement + " " + fields.keySet());
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one field: " + measurement + " " + tags);
        }
    }
}
