package io.queryflux.protocol.pg.catalog;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.PerSessionCache;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import java.time.Duration;
import java.util.Map;

/** Catalog mirrors, kept for 2 s per session shape: psql's {@code \d t} sends several catalog queries in a row. */
final class ShadowCatalogs implements AutoCloseable {
    private final QueryDispatcher dispatcher;
    private final PerSessionCache<ShadowCatalog> shadows = new PerSessionCache<>(Duration.ofSeconds(2), 32);

    ShadowCatalogs(QueryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Runs a (rewritten) catalog query on the session's mirror, loading it when stale. */
    ResultCursor query(ClientSession session, Map<String, String> settings, String sql) throws QueryException {
        return shadows.use(session, () -> ShadowCatalog.load(dispatcher, session, settings),
                shadow -> shadow.query(sql));
    }

    void invalidate() {
        shadows.invalidate();
    }

    @Override
    public void close() {
        shadows.close();
    }
}
