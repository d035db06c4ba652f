package org.yangguang.contract;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A map by name that its maker handed over and nobody can change: reads go to the map it wraps, which is never handed
 * out ({@link #entrySet()} is an unmodifiable view of it). For maps built once per reading and passed on without a
 * defensive copy (a reading's points, a stored line's tags and fields).
 *
 * @param <V> the values
 */
public abstract class ReadOnlyMap<V> extends AbstractMap<String, V> {
    private final Map<String, V> map;
    private final Set<Entry<String, V>> entries;

    /** {@code map} now belongs to this one: the subclass must not keep it anywhere it could change. */
    protected ReadOnlyMap(Map<String, V> map) {
        this.map = map;
        this.entries = Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public final Set<Entry<String, V>> entrySet() {
        return entries;
    }

    @Override
    public final V get(Object key) {
        return map.get(key);
    }

    @Override
    public final boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public final int size() {
        return map.size();
    }

    @Override
    public final void forEach(BiConsumer<? super String, ? super V> action) {
        map.forEach(action); // keys and values only: nothing that could change the map gets out
    }
}
