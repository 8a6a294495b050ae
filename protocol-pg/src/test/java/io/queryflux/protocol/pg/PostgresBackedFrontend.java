package io.queryflux.protocol.pg;

import io.queryflux.auth.NoAuthProvider;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.FinishedQuery;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.dispatch.QueryStatus;
import io.queryflux.engine.Engine;
import io.queryflux.engine.postgres.PostgresEngineFactory;
import io.queryflux.routing.RouterChain;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL frontend routed to one {@code postgres} engine, without the server module. */
final class PostgresBackedFrontend implements AutoCloseable {
    private final Engine engine;
    private final PgFrontend frontend;

    private PostgresBackedFrontend(Engine engine, PgFrontend frontend) {
        this.engine = engine;
        this.frontend = frontend;
    }

    /**
     * @param endpoint PostgreSQL's host:port
     * @param poolSize the engine's pool and the group's concurrency limit
     * @param engineSettings further postgres engine settings
     */
    static PostgresBackedFrontend start(int port, String endpoint, String database, String user, int poolSize,
            Map<String, String> engineSettings) throws java.io.IOException {
        return start(port, endpoint, database, user, poolSize, engineSettings, QueryObserver.NONE);
    }

    /** @param observer hears of every query, as the server's metrics do */
    static PostgresBackedFrontend start(int port, String endpoint, String database, String user, int poolSize,
            Map<String, String> engineSettings, QueryObserver observer) throws java.io.IOException {
        Map<String, String> settings = new HashMap<>(Map.of("endpoint", endpoint, "database", database,
                "username", user, "poolSize", Integer.toString(poolSize)));
        settings.putAll(engineSettings);
        Engine engine = new PostgresEngineFactory().create("postgres", settings);
        engine.checkHealth(Duration.ofSeconds(10)); // as the server's health checker does at start
        ClusterGroup group = new ClusterGroup("postgres", List.of(new Cluster("postgres", engine, true,
                Integer.MAX_VALUE)), new GroupLimits(poolSize, 10_000, Duration.ofSeconds(60)),
                new RoundRobinStrategy(), true);
        QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "postgres"),
                Map.of("postgres", group), observer);
        PgFrontend frontend = PgFrontend.start(PgFrontendConfig.of("127.0.0.1", port), dispatcher,
                new NoAuthProvider());
        return new PostgresBackedFrontend(engine, frontend);
    }

    /** An observer that adds how each query ended to {@code ended}, as the metrics count them. */
    static QueryObserver recordingEnds(List<QueryStatus> ended) {
        return new QueryObserver() {
            @Override
            public void finished(FinishedQuery query) {
                ended.add(query.status());
            }
        };
    }

    int port() {
        return frontend.port();
    }

    @Override
    public void close() {
        frontend.close();
        engine.close();
    }
}
