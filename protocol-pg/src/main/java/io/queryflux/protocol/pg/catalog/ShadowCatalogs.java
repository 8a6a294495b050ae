package io.queryflux.protocol.pg.catalog;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mirrors, kept briefly per session shape: psql's {@code \d t} sends several catalog queries in
 * a row, which should not each re-read the engine's metadata, while a table created a moment
 * ago should show up soon.
 */
final class ShadowCatalogs implements AutoCloseable {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 32;

    private record Entry(ShadowCatalog shadow, long loadedNanos) {}

    private final QueryDispatcher dispatcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ClientSession, Entry> entries = new LinkedHashMap<>();

    ShadowCatalogs(QueryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Runs a (rewritten) catalog query on the session's mirror, loading it when stale. */
    io.queryflux.engine.ResultCursor query(ClientSession session, Map<String, String> settings, String sql)
            throws QueryException {
        while (true) {
            java.util.Optional<io.queryflux.engine.ResultCursor> result = forSession(session, settings).query(sql);
            if (result.isPresent()) {
                return result.get();
            }
            // The mirror was replaced and closed between lookup and use: take the new one.
        }
    }

    private ShadowCatalog forSession(ClientSession session, Map<String, String> settings) throws QueryException {
        // Routing may depend on anything in the session, so the whole session is the key.
        lock.lock();
        try {
            Entry entry = entries.get(session);
            if (entry != null && System.nanoTime() - entry.loadedNanos() < TTL.toNanos()) {
                return entry.shadow();
            }
        } finally {
            lock.unlock();
        }
        ShadowCatalog loaded = ShadowCatalog.load(dispatcher, session, settings);
        lock.lock();
        try {
            Entry previous = entries.remove(session);
            if (previous != null) {
                previous.shadow().close();
            }
            entries.put(session, new Entry(loaded, System.nanoTime()));
            while (entries.size() > MAX_ENTRIES) {
                ClientSession oldest = entries.keySet().iterator().next();
                entries.remove(oldest).shadow().close();
            }
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            entries.values().forEach(e -> e.shadow().close());
            entries.clear();
        } finally {
            lock.unlock();
        }
    }
}
