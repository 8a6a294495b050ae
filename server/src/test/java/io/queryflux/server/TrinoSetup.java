package io.queryflux.server;

import io.queryflux.testing.TestingTrinoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements run straight on the test Trino (not through the proxy) to prepare a test class's tables. */
final class TrinoSetup {
    private TrinoSetup() {}

    static void run(TestingTrinoServer trino, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl(), "setup", null);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
