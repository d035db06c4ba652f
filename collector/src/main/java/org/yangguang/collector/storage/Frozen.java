package org.yangguang.collector.storage;

import org.yangguang.contract.ReadOnlyMap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A map a {@link Sample} can keep without copying it: only this package makes one, from a map it built and hands over,
 * and nothing that could change it gets out. The mapper builds three samples for every reading; copying each one's tags
 * into a TreeMap and its 23 fields into another LinkedHashMap was a sixth of the collector's event loop.
 *
 * @param <V> String for tags, Object (Double or String) for fields
 */
final class Frozen<V> extends ReadOnlyMap<V> {
    /** Iterates in key order (tags, which line protocol wants sorted). */
    private final boolean sorted;

    private Frozen(Map<String, V> map, boolean sorted) {
        super(map);
        this.sorted = sorted;
    }

    /** Tags, sorted by name; {@code tags} is copied (it is small) so the caller may keep using it. */
    static Frozen<String> tags(Map<String, String> tags) {
        return new Frozen<>(new TreeMap<>(tags), true);
    }

    /** Takes {@code fields} over: the caller must not touch it again. */
    static Frozen<Object> fieldsTakenOver(LinkedHashMap<String, Object> fields) {
        return new Frozen<>(fields, false);
    }

    boolean sorted() {
        return sorted;
    }
}
