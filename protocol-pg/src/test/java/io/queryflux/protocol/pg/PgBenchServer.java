package io.queryflux.protocol.pg;

import io.queryflux.auth.NoAuthProvider;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.engine.Engine;
import io.queryflux.engine.postgres.PostgresEngineFactory;
import io.queryflux.routing.RouterChain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark-only launcher (bench/pgbench.sh): the PostgreSQL frontend routed to one
 * {@code postgres} engine, without the server module. Arguments: listen port, PostgreSQL
 * host:port, database, user, engine pool size.
 */
public final class PgBenchServer {
    private PgBenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PgBenchServer <listenPort> <pgHost:pgPort> <database> <user> <poolSize>");
            System.exit(2);
        }
        int poolSize = Integer.parseInt(args[4]);
        Engine engine = new PostgresEngineFactory().create("bench-postgres", Map.of("endpoint", args[1],
                "database", args[2], "username", args[3], "poolSize", args[4],
                "shortQueriesFirst", System.getenv().getOrDefault("QF_SHORT_QUERIES_FIRST", "true")));
        ClusterGroup group = new ClusterGroup("bench", List.of(new Cluster("bench-postgres", engine, true,
                Integer.MAX_VALUE)), new GroupLimits(poolSize, 10_000, Duration.ofSeconds(60)), new RoundRobinStrategy(),
                true);
        QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "bench"), Map.of("bench", group),
                QueryObserver.NONE);
        PgFrontend frontend = PgFrontend.start(PgFrontendConfig.of("127.0.0.1", Integer.parseInt(args[0])), dispatcher,
                new NoAuthProvider());
        System.out.println("queryflux pg frontend listening on 127.0.0.1:" + frontend.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            frontend.close();
            engine.close();
        }));
        new CountDownLatch(1).await();
    }
}
