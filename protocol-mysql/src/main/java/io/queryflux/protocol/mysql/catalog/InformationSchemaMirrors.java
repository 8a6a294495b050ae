package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ListCursor;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The information_schema mirrors, kept briefly per session shape: DatabaseMetaData and GUI
 * clients send several metadata queries in a row, which should not each re-read the engine's
 * metadata, while a table created a moment ago should show up soon.
 */
public final class InformationSchemaMirrors implements AutoCloseable {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 32;

    private record Entry(InformationSchemaMirror mirror, long loadedNanos) {}

    private final QueryDispatcher dispatcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ClientSession, Entry> entries = new LinkedHashMap<>();

    public InformationSchemaMirrors(QueryDispatcher dispatcher) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    /** Runs a catalog query (already rewritten for the mirror) for the session's routed engine. */
    public ListCursor query(ClientSession session, String mirrorSql) throws QueryException {
        while (true) {
            Optional<ListCursor> result = forSession(session).query(mirrorSql);
            if (result.isPresent()) {
                return result.get();
            }
            // The mirror was replaced and closed between lookup and use: take the new one.
        }
    }

    private InformationSchemaMirror forSession(ClientSession session) throws QueryException {
        // Routing may depend on anything in the session, so the whole session is the key.
        lock.lock();
        try {
            Entry entry = entries.get(session);
            if (entry != null && System.nanoTime() - entry.loadedNanos() < TTL.toNanos()) {
                return entry.mirror();
            }
        } finally {
            lock.unlock();
        }
        InformationSchemaMirror loaded = InformationSchemaMirror.load(dispatcher, session);
        lock.lock();
        try {
            Entry previous = entries.remove(session);
            if (previous != null) {
                previous.mirror().close();
            }
            entries.put(session, new Entry(loaded, System.nanoTime()));
            while (entries.size() > MAX_ENTRIES) {
                ClientSession oldest = entries.keySet().iterator().next();
                entries.remove(oldest).mirror().close();
            }
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every mirror, so the next metadata query sees schema changes at once. */
    void invalidate() {
        lock.lock();
        try {
            entries.values().forEach(e -> e.mirror().close());
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            entries.values().forEach(e -> e.mirror().close());
            entries.clear();
        } finally {
            lock.unlock();
        }
    }
}
