package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.PerSessionCache;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.QueryException;
import java.time.Duration;

/**
 * The information_schema mirrors, kept for 2 s per session shape: DatabaseMetaData and GUI
 * clients send several metadata queries in a row.
 */
public final class InformationSchemaMirrors implements AutoCloseable {
    private final QueryDispatcher dispatcher;
    private final PerSessionCache<InformationSchemaMirror> mirrors = new PerSessionCache<>(Duration.ofSeconds(2), 32);

    public InformationSchemaMirrors(QueryDispatcher dispatcher) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    /** Runs a catalog query (already rewritten for the mirror) for the session's routed engine. */
    public ListCursor query(ClientSession session, String mirrorSql) throws QueryException {
        return mirrors.use(session, () -> InformationSchemaMirror.load(dispatcher, session),
                mirror -> mirror.query(mirrorSql));
    }

    /** Drops every mirror, so the next metadata query sees schema changes at once. */
    void invalidate() {
        mirrors.invalidate();
    }

    @Override
    public void close() {
        mirrors.close();
    }
}
