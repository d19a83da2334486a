package dev.cotangent.einsum;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe map from (spec, shapes) keys to plans, evicting the least recently
 * used. Plans are cheap to rebuild, so the lock is held only for the map access, never
 * while a plan is made; two threads that miss at once both build and one result is kept.
 */
final class PlanCache<V> {

    private final Map<String, V> map;

    PlanCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(String key) {
        return map.get(key);
    }

    synchronized void put(String key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }

    /**
     * The key for a spec and shapes. The spec's length comes first, so that no spec
     * (not even an invalid one) can run into the shapes part of another key.
     */
    static String key(String tag, String spec, int[][] shapes) {
        StringBuilder sb = new StringBuilder(spec.length() + 8 * shapes.length + 8);
        sb.append(tag).append(spec.length()).append(':').append(spec);
        for (int[] shape : shapes) {
            sb.append('|');
            for (int d : shape) {
                sb.append(d).append(',');
            }
        }
        return sb.toString();
    }
}
