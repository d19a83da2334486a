package dev.cotangent.einsum;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe map from (spec, shapes) keys to plans, evicting the least recently
 * used. Plans are cheap to rebuild, so the lock is held only for the map access, never
 * while a plan is made; two threads that miss at once both build and one result is kept.
 */
final class PlanCache<V> {

    /**
     * A (tag, spec, shapes) key: compared by content, hashed without building a string, since
     * a small product's derivative looks up two or three plans per call.
     */
    static final class Key {
        private final int tag;
        private final String spec;
        private final int[][] shapes;
        private final int hash;

        private Key(int tag, String spec, int[][] shapes) {
            this.tag = tag;
            this.spec = spec;
            this.shapes = shapes;
            this.hash = (31 * tag + spec.hashCode()) * 31 + Arrays.deepHashCode(shapes);
        }

        /** A copy that owns its shapes, to be kept in the map. */
        Key kept() {
            int[][] copy = new int[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                copy[i] = shapes[i].clone();
            }
            return new Key(tag, spec, copy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && tag == k.tag && spec.equals(k.spec)
                    && Arrays.deepEquals(shapes, k.shapes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, V> map;

    PlanCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(Key key) {
        return map.get(key);
    }

    synchronized void put(Key key, V value) {
        map.put(key.kept(), value);
    }

    synchronized int size() {
        return map.size();
    }

    /**
     * The key for a spec and shapes; {@code tag} tells apart the plans of one spec (the
     * forward plan, the transpose for each operand, the output shape). The shapes are not
     * copied: the key must not outlive them unless it is {@linkplain #put put}.
     */
    static Key key(int tag, String spec, int[][] shapes) {
        return new Key(tag, spec, shapes);
    }
}
