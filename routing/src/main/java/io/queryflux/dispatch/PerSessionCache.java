package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Values built from what a session's routed engine reports, such as the frontends' catalog
 * mirrors, kept briefly per session shape: clients send several metadata queries in a row, which
 * should not each re-read the engine's metadata, while a table created a moment ago should show
 * up soon. Routing may depend on anything in the session, so the whole session is the key. At
 * most {@code maxEntries} are kept; a replaced or evicted value is closed.
 */
public final class PerSessionCache<V extends AutoCloseable> implements AutoCloseable {
    /** Builds a session's value. */
    @FunctionalInterface
    public interface Loader<V> {
        V load() throws QueryException;
    }

    /** Uses a value; empty when the value was closed meanwhile. */
    @FunctionalInterface
    public interface Use<V, R> {
        Optional<R> apply(V value) throws QueryException;
    }

    private record Entry<V>(V value, long loadedNanos) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ClientSession, Entry<V>> entries = new LinkedHashMap<>();
    /** Counts invalidations, guarded by lock. */
    private long generation;

    public PerSessionCache(Duration ttl, int maxEntries) {
        this.ttlNanos = requireNonNull(ttl, "ttl is null").toNanos();
        this.maxEntries = maxEntries;
    }

    /** Applies {@code use} to the session's value, loading it when missing or stale. */
    public <R> R use(ClientSession session, Loader<V> loader, Use<V, R> use) throws QueryException {
        while (true) {
            Optional<R> result = use.apply(forSession(session, loader));
            if (result.isPresent()) {
                return result.get();
            }
            // The value was replaced and closed between lookup and use: take the new one.
        }
    }

    private V forSession(ClientSession session, Loader<V> loader) throws QueryException {
        long loadingGeneration;
        lock.lock();
        try {
            Entry<V> entry = entries.get(session);
            if (entry != null && System.nanoTime() - entry.loadedNanos() < ttlNanos) {
                return entry.value();
            }
            loadingGeneration = generation;
        } finally {
            lock.unlock();
        }
        V loaded = loader.load(); // outside the lock: it queries the engine
        lock.lock();
        try {
            Entry<V> previous = entries.remove(session);
            if (previous != null) {
                closeQuietly(previous.value());
            }
            // Invalidated while it loaded: it may predate the change, so the next use loads again.
            long loadedNanos = generation == loadingGeneration ? System.nanoTime() : System.nanoTime() - ttlNanos;
            entries.put(session, new Entry<>(loaded, loadedNanos));
            while (entries.size() > maxEntries) {
                ClientSession oldest = entries.keySet().iterator().next();
                closeQuietly(entries.remove(oldest).value());
            }
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable value) {
        try {
            value.close();
        } catch (Exception ignored) {
            // an in-memory value; nothing is lost
        }
    }

    /** Drops every value, so the next use sees the engine's current state. */
    public void invalidate() {
        lock.lock();
        try {
            generation++;
            entries.values().forEach(e -> closeQuietly(e.value()));
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        invalidate();
    }
}
