package io.queryflux.protocol.trino;

import io.helidon.webserver.WebServer;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.testing.DuckDbDispatcher;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A Helidon server on a free port with the Trino frontend over an in-memory DuckDB. */
final class TrinoTestServer implements AutoCloseable {
    private final DuckDbDispatcher duckDb;
    private final TrinoHttpFrontend frontend;
    private final WebServer server;

    private TrinoTestServer(DuckDbDispatcher duckDb, TrinoHttpConfig config) {
        this.duckDb = duckDb;
        this.frontend = new TrinoHttpFrontend(duckDb.dispatcher(), config);
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register(frontend))
                .build()
                .start();
    }

    static TrinoTestServer start(TrinoHttpConfig config) throws SQLException {
        return new TrinoTestServer(DuckDbDispatcher.start(), config);
    }

    static TrinoTestServer start(TrinoHttpConfig config, GroupLimits limits) throws SQLException {
        return new TrinoTestServer(DuckDbDispatcher.start(limits), config);
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port() + "/memory/main?user=test";
    }

    DuckDbDispatcher duckDb() {
        return duckDb;
    }

    TrinoHttpFrontend frontend() {
        return frontend;
    }

    /** Waits until the group holds no slot and no query is registered, or fails. */
    void awaitNoRunningQueries() throws InterruptedException {
        await(() -> duckDb.group().runningQueries() == 0 && duckDb.dispatcher().registry().size() == 0,
                Duration.ofSeconds(15), () -> "running queries: " + duckDb.group().runningQueries()
                        + ", registered: " + duckDb.dispatcher().registry().size());
    }

    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop();
        frontend.close();
        duckDb.close();
    }
}
