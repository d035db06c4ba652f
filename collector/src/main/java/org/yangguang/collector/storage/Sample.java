package org.yangguang.collector.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line to store: measurement, tags, fields (Double or String) and time in epoch milliseconds. Client-neutral so
 * that a store for InfluxDB 2.x/3.x can take the same samples. Tags are kept sorted (line protocol wants them so) and
 * fields in payload order; both are copied unless this package built them for the sample ({@link Frozen}).
 */
public record Sample(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMs) {
    public Sample {
        if (!(tags instanceof Frozen<String> f && f.sorted())) {
            tags = Frozen.tags(tags);
        }
        if (!(fields instanceof Frozen<Object>)) {
            // the mapper's own maps never hold a null; anyone else's are checked as they are copied
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("a sample field is null: " + measurement + " " + fields.keySet());
                }
            }
            fields = Frozen.fieldsTakenOver(new LinkedHashMap<>(fields));
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one field: " + measurement + " " + tags);
        }
    }
}
