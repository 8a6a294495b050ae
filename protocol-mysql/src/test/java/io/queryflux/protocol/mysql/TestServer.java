package io.queryflux.protocol.mysql;

import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.testing.DuckDbDispatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/** A MySQL frontend over an in-memory DuckDB, with two static users, for one test class. */
final class TestServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "s3cret";
    static final String OTHER_USER = "bob";

    final DuckDbDispatcher duckDb;
    final MySqlFrontend frontend;

    private TestServer(DuckDbDispatcher duckDb, MySqlFrontend frontend) {
        this.duckDb = duckDb;
        this.frontend = frontend;
    }

    static StaticAuthProvider users() {
        return new StaticAuthProvider(Map.of(
                USER, new StaticAuthProvider.User(PASSWORD, Set.of("analysts")),
                OTHER_USER, new StaticAuthProvider.User("bobpw", Set.of())));
    }

    static TestServer start() throws SQLException {
        return start(MySqlFrontendConfig.onPort(0), users());
    }

    static TestServer start(MySqlFrontendConfig config, AuthProvider auth) throws SQLException {
        DuckDbDispatcher duckDb = DuckDbDispatcher.start();
        return new TestServer(duckDb, MySqlFrontend.start(config, duckDb.dispatcher(), auth));
    }

    int port() {
        return frontend.port();
    }

    String mysqlUrl(String options) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/?sslMode=DISABLED" + (options.isEmpty() ? "" : "&" + options);
    }

    String mariadbUrl(String options) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + (options.isEmpty() ? "" : "?" + options);
    }

    Connection mysql(String options) throws SQLException {
        return DriverManager.getConnection(mysqlUrl(options), USER, PASSWORD);
    }

    Connection mariadb(String options) throws SQLException {
        return DriverManager.getConnection(mariadbUrl(options), USER, PASSWORD);
    }

    @Override
    public void close() {
        frontend.close();
        duckDb.close();
    }
}
