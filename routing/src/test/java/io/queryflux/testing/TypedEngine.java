package io.queryflux.testing;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import java.time.Duration;

/**
 * An engine that only has a type, for tests of cluster selection, which looks at a cluster's
 * engine type and load but never runs a query on it.
 */
public final class TypedEngine implements Engine {
    private final EngineType type;

    public TypedEngine(EngineType type) {
        this.type = requireNonNull(type, "type is null");
    }

    @Override
    public EngineType type() {
        return type;
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        throw new QueryException(ErrorCode.NOT_SUPPORTED, "selection tests do not run queries");
    }

    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        return ClusterHealth.healthy();
    }

    @Override
    public void close() {}
}
