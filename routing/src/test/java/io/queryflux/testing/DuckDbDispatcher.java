package io.queryflux.testing;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.FinishedQuery;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.dispatch.QueryStatus;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.RouterChain;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * A dispatcher over one in-memory DuckDB cluster in one group named {@code default}, for tests
 * of the frontends. Close it to close the database.
 */
public final class DuckDbDispatcher implements AutoCloseable {
    public static final String GROUP = "default";

    private final DuckDbEngine engine;
    private final ClusterGroup group;
    private final QueryDispatcher dispatcher;
    private final List<QueryStatus> finished = Collections.synchronizedList(new ArrayList<>());

    private DuckDbDispatcher(DuckDbEngine engine, GroupLimits limits) {
        this.engine = engine;
        Cluster cluster = new Cluster("duckdb-1", engine, true, Integer.MAX_VALUE);
        this.group = new ClusterGroup(GROUP, List.of(cluster), limits, new RoundRobinStrategy(), true);
        this.dispatcher = new QueryDispatcher(new RouterChain(List.of(), GROUP), Map.of(GROUP, group),
                new QueryObserver() {
                    @Override
                    public void finished(FinishedQuery query) {
                        finished.add(query.status());
                    }
                });
    }

    /** Up to 8 queries at once, 100 waiting, 30 s of waiting at most. */
    public static DuckDbDispatcher start() throws SQLException {
        return start(new GroupLimits(8, 100, Duration.ofSeconds(30)));
    }

    public static DuckDbDispatcher start(GroupLimits limits) throws SQLException {
        return new DuckDbDispatcher(DuckDbEngine.open(Optional.empty()), limits);
    }

    public QueryDispatcher dispatcher() {
        return dispatcher;
    }

    /** How each query that reached the engine ended, in order: what the metrics and history count. */
    public List<QueryStatus> finished() {
        synchronized (finished) {
            return List.copyOf(finished);
        }
    }

    /** The group, to check that no slot leaked: {@code group().runningQueries() == 0}. */
    public ClusterGroup group() {
        return group;
    }

    @Override
    public void close() {
        engine.close();
    }
}
