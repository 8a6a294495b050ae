package io.queryflux.protocol.pg;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark-only launcher (bench/pgbench.sh): the PostgreSQL frontend routed to one
 * {@code postgres} engine, without the server module. Arguments: listen port, PostgreSQL
 * host:port, database, user, engine pool size. QF_FORWARD_WIRE=false measures the pgjdbc path.
 */
public final class PgBenchServer {
    private PgBenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PgBenchServer <listenPort> <pgHost:pgPort> <database> <user> <poolSize>");
            System.exit(2);
        }
        PostgresBackedFrontend server = PostgresBackedFrontend.start(Integer.parseInt(args[0]), args[1], args[2],
                args[3], Integer.parseInt(args[4]), Map.of(
                        "shortQueriesFirst", System.getenv().getOrDefault("QF_SHORT_QUERIES_FIRST", "true"),
                        "forwardWire", System.getenv().getOrDefault("QF_FORWARD_WIRE", "true")));
        System.out.println("queryflux pg frontend listening on 127.0.0.1:" + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
