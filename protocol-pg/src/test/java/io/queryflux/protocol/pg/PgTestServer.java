package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.protocol.pg.auth.PgAuthMethod;
import io.queryflux.testing.DuckDbDispatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A PostgreSQL frontend over one in-memory DuckDB, with static users, for one test class. */
final class PgTestServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "wonder land";

    private final DuckDbDispatcher duckDb;
    private final PgFrontend frontend;

    private PgTestServer(DuckDbDispatcher duckDb, PgFrontend frontend) {
        this.duckDb = duckDb;
        this.frontend = frontend;
    }

    static AuthProvider users() {
        return new StaticAuthProvider(Map.of(USER, new StaticAuthProvider.User(PASSWORD, Set.of("analysts")),
                "bob", new StaticAuthProvider.User("builder", Set.of())));
    }

    static PgTestServer start(PgAuthMethod method) throws Exception {
        return start(PgFrontendConfig.of("127.0.0.1", 0).withAuthMethod(method), users());
    }

    static PgTestServer start(PgFrontendConfig config, AuthProvider auth) throws Exception {
        DuckDbDispatcher duckDb = DuckDbDispatcher.start();
        return new PgTestServer(duckDb, PgFrontend.start(config, duckDb.dispatcher(), auth));
    }

    int port() {
        return frontend.port();
    }

    DuckDbDispatcher duckDb() {
        return duckDb;
    }

    PgFrontend frontend() {
        return frontend;
    }

    String url(String options) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/analytics" + (options.isEmpty() ? "" : "?" + options);
    }

    Connection connect(String options) throws SQLException {
        return connect(options, USER, PASSWORD);
    }

    Connection connect(String options, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url(options), properties);
    }

    /**
     * Waits until no query holds a group slot or stays registered, and fails if one still does
     * after 15 s: closing a statement, a cursor or a connection gives its slot back.
     */
    void awaitNoRunningQueries() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (duckDb.group().runningQueries() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, duckDb.group().runningQueries(), "a group slot leaked");
        assertEquals(0, duckDb.dispatcher().registry().size(),
                "a query stayed registered");
    }

    @Override
    public void close() {
        frontend.close();
        duckDb.close();
    }
}
