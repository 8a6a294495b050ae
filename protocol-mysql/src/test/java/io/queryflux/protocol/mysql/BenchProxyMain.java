package io.queryflux.protocol.mysql;

import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.engine.Engine;
import io.queryflux.engine.starrocks.StarRocksEngineFactory;
import io.queryflux.routing.RouterChain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark-only launcher (bench/sysbench-mysql.sh): the MySQL frontend routed to one
 * starRocks-engine cluster, without the server module. Arguments: proxy port, backend
 * host:port, backend user, backend password, proxy user, proxy password, pool size.
 */
public final class BenchProxyMain {
    private BenchProxyMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int poolSize = Integer.parseInt(args[6]);
        Engine engine = new StarRocksEngineFactory().create("bench", Map.of("endpoint", args[1], "user", args[2],
                "password", args[3], "poolSize", Integer.toString(poolSize)));
        ClusterGroup group = new ClusterGroup("bench", List.of(new Cluster("mariadb-1", engine, true, poolSize)),
                new GroupLimits(poolSize, 10_000, Duration.ofSeconds(60)), new RoundRobinStrategy(), true);
        QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "bench"), Map.of("bench", group),
                QueryObserver.NONE);
        MySqlFrontend frontend = MySqlFrontend.start(MySqlFrontendConfig.onPort(port).withMaxPacketBytes(64 << 20),
                dispatcher, new StaticAuthProvider(Map.of(args[4], new StaticAuthProvider.User(args[5], Set.of()))));
        System.out.println("QueryFlux MySQL frontend listening on " + frontend.port());
        new CountDownLatch(1).await();
    }
}
