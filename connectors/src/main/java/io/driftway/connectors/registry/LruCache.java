package io.driftway.connectors.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries, dropping the least recently used. Safe for
 * concurrent use; two threads missing the same key at once may both load it, which is harmless for
 * immutable values.
 */
final class LruCache<K, V> {

  private final Map<K, V> entries;

  LruCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  synchronized int size() {
    return entries.size();
  }
}
