package org.yangguang.collector.storage;

import java.util.Map;

/**
 * One line to store: measurement, tags, fields (Double or String) and time in epoch milliseconds. Client-neutral so
 * that a store for InfluxDB 2.x/3.x can take the same samples.
 */
public record Sample(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMs) {
    public Sample {
        tags = Map.copyOf(tags);
        fields = Map.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one field: " + measurement + " " + tags);
        }
    }
}
