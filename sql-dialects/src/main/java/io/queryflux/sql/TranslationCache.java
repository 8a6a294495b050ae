package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** A bounded least-recently-used cache of rewrites keyed by (sql, source, target). */
final class TranslationCache {
    record Key(String sql, Dialect source, Dialect target) {
        Key {
            requireNonNull(sql, "sql is null");
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Rewrite> entries;

    TranslationCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache size must not be negative: " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Rewrite> eldest) {
                return size() > capacity;
            }
        };
    }

    Rewrite get(Key key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    void put(Key key, Rewrite rewrite) {
        lock.lock();
        try {
            entries.put(key, rewrite);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
