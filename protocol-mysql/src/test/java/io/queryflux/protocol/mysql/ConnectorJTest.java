package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MySQL Connector/J 9 against the frontend: logins and text-protocol queries. */
class ConnectorJTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void cachingSha2LoginAndQuery() throws SQLException {
        try (Connection c = server.mysql("");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 42 AS answer, 'hello' AS greeting")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("answer"));
            assertEquals("hello", rs.getString("greeting"));
            assertFalse(rs.next());
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    @Test
    void nativePasswordLogin() throws SQLException {
        try (Connection c = server.mysql("defaultAuthenticationPlugin=mysql_native_password");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) > 0);
        }
    }

    @Test
    void wrongPasswordIsRejectedWith1045() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.mysqlUrl(""), TestServer.USER, "wrong"));
        assertEquals(1045, e.getErrorCode(), e::toString);
        assertEquals("28000", e.getSQLState());
        // As with MySQL, an unknown user goes through full authentication before being refused.
        SQLException unknown = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.mysqlUrl("allowPublicKeyRetrieval=true"), "mallory", "x"));
        assertEquals(1045, unknown.getErrorCode(), unknown::toString);
    }

    @Test
    void sqlErrorsKeepTheConnectionUsable() throws SQLException {
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertEquals(1146, missing.getErrorCode());
            assertEquals("42S02", missing.getSQLState());
            SQLException syntax = assertThrows(SQLException.class, () -> s.execute("SELEC 1"));
            assertEquals(1064, syntax.getErrorCode());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    /**
     * Writes in MySQL's dialect mean on DuckDB what they mean on MySQL: backquoted names, IFNULL,
     * DIV, CONCAT and a case-insensitive LIKE are translated in INSERT, UPDATE and DELETE too.
     */
    @Test
    void writesAreTranslatedLikeQueries() throws SQLException {
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE written (id INTEGER, name VARCHAR, n INTEGER)");
            assertEquals(2, s.executeUpdate(
                    "INSERT INTO `written` (`id`, `name`, n) VALUES (1, IFNULL(NULL, 'one'), 7 DIV 2), (2, 'two', 5 DIV 2)"));
            assertEquals(1, s.executeUpdate("UPDATE `written` SET `name` = CONCAT(`name`, '!') WHERE `id` = 1"));
            assertEquals(1, s.executeUpdate("DELETE FROM `written` WHERE `name` LIKE 'TWO%'"));
            try (ResultSet rs = s.executeQuery("SELECT id, name, n FROM written")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("id"));
                assertEquals("one!", rs.getString("name"));
                assertEquals(3, rs.getInt("n"));
                assertFalse(rs.next());
            }
        }
    }
}
