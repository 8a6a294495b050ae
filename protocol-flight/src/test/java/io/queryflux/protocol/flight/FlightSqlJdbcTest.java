package io.queryflux.protocol.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.testing.DuckDbDispatcher;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flight SQL JDBC driver against the frontend over embedded DuckDB. */
class FlightSqlJdbcTest {
    private static DuckDbDispatcher duck;
    private static FlightSqlFrontend frontend;

    @BeforeAll
    static void start() throws Exception {
        duck = DuckDbDispatcher.start();
        frontend = FlightSqlFrontend.start(FlightSqlFrontendConfig.plain("127.0.0.1", 0), duck.dispatcher(),
                new StaticAuthProvider(Map.of("alice", new StaticAuthProvider.User("secret", Set.of()))));
    }

    @AfterAll
    static void stop() {
        frontend.close();
        duck.close();
    }

    @AfterEach
    void noSlotLeaks() throws InterruptedException {
        awaitNoRunningQueries();
    }

    static void awaitNoRunningQueries() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (duck.group().runningQueries() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, duck.group().runningQueries(), "group slots leaked");
    }

    private static Connection connect() throws SQLException {
        return connect("alice", "secret");
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + frontend.port()
                + "/?useEncryption=false&user=" + user + "&password=" + password);
    }

    @Test
    void runsAQuery() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 42 AS answer, 'x' AS letter")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("answer"));
            assertEquals("x", rs.getString("letter"));
            assertFalse(rs.next());
        }
    }

    @Test
    void rejectsAWrongPassword() {
        SQLException e = assertThrows(SQLException.class, () -> connect("alice", "wrong").close());
        assertTrue(e.getMessage().toLowerCase().contains("auth"), e.getMessage());
    }

    @Test
    void roundTripsEveryType() throws SQLException {
        String sql = """
                SELECT TRUE AS b, 7::TINYINT AS ti, 300::SMALLINT AS si, 70000 AS i, 9000000000 AS bi,
                       1.5::REAL AS r, 2.25::DOUBLE AS d, 12345.678::DECIMAL(10,3) AS dec,
                       123456789012345678901234567890.12345678::DECIMAL(38,8) AS wide,
                       'héllo' AS s, '\\xAA\\xBB'::BLOB AS bin, DATE '2024-02-29' AS dt,
                       TIME '12:34:56.123456' AS t, TIMESTAMP '2024-02-29 12:34:56.123456' AS ts,
                       TIMESTAMPTZ '2024-02-29 12:34:56.123456+02' AS tstz,
                       [1, 2, NULL] AS arr, {'a': 1, 'b': 'x'} AS st, MAP {'k': 1} AS m,
                       '1b4e28ba-2fa1-11d2-883f-0016d3cca427'::UUID AS u, NULL::INTEGER AS n
                """;
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(Types.DECIMAL, md.getColumnType(8));
            assertEquals(10, md.getPrecision(8));
            assertEquals(3, md.getScale(8));
            assertTrue(rs.next());
            assertTrue(rs.getBoolean("b"));
            assertEquals((byte) 7, rs.getByte("ti"));
            assertEquals((short) 300, rs.getShort("si"));
            assertEquals(70000, rs.getInt("i"));
            assertEquals(9_000_000_000L, rs.getLong("bi"));
            assertEquals(1.5f, rs.getFloat("r"));
            assertEquals(2.25, rs.getDouble("d"));
            assertEquals(new BigDecimal("12345.678"), rs.getBigDecimal("dec"));
            assertEquals(new BigDecimal("123456789012345678901234567890.12345678"), rs.getBigDecimal("wide"));
            assertEquals("héllo", rs.getString("s"));
            assertEquals(List.of((byte) 0xAA, (byte) 0xBB), bytes(rs.getBytes("bin")));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("dt", LocalDate.class));
            // The driver's time getters stop at seconds; FlightSqlClientTest checks the microseconds.
            assertEquals(LocalTime.of(12, 34, 56), rs.getObject("t", LocalTime.class));
            assertEquals(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000), rs.getObject("ts", LocalDateTime.class));
            assertEquals(java.time.Instant.parse("2024-02-29T10:34:56.123456Z"), rs.getTimestamp("tstz").toInstant());
            assertEquals("[1,2,null]", rs.getString("arr").replace(" ", ""));
            assertEquals(List.of(1, 2), ((List<?>) rs.getObject("arr")).subList(0, 2));
            assertEquals("{\"a\":1,\"b\":\"x\"}", rs.getString("st").replace(" ", ""));
            assertEquals(Map.of("k", 1), Map.copyOf(toMap(rs.getObject("m"))));
            assertEquals(16, rs.getBytes("u").length);
            assertEquals(0, rs.getInt("n"));
            assertTrue(rs.wasNull());
            assertFalse(rs.next());
        }
    }

    private static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>();
        for (byte b : array) {
            list.add(b);
        }
        return list;
    }

    private static Map<Object, Object> toMap(Object value) {
        Map<Object, Object> result = new java.util.HashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> result.put(k.toString(), v));
        return result;
    }

    @Test
    void reportsErrorsAndKeepsWorking() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
            assertTrue(syntax.getMessage().contains("SYNTAX_ERROR"), syntax.getMessage());
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertTrue(missing.getMessage().contains("TABLE_NOT_FOUND"), missing.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void bindsPreparedStatementParameters() throws SQLException {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE OR REPLACE TABLE people (id INTEGER, name VARCHAR)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO people VALUES (CAST(? AS INTEGER), ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "O'Brien");
                assertEquals(1, insert.executeUpdate());
                insert.setInt(1, 2);
                insert.setString(2, "Ada");
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT name FROM people WHERE id >= ?::INTEGER AND name <> ? ORDER BY id")) {
                query.setInt(1, 1);
                query.setString(2, "nobody");
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("O'Brien", rs.getString(1));
                    assertTrue(rs.next());
                    assertEquals("Ada", rs.getString(1));
                    assertFalse(rs.next());
                }
                query.setInt(1, 2);
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("Ada", rs.getString(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void answersDatabaseMetaData() throws SQLException {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE OR REPLACE TABLE meta_t (id BIGINT, amount DECIMAL(12,2), label VARCHAR)");
            }
            DatabaseMetaData md = c.getMetaData();
            assertTrue(column(md.getCatalogs(), "TABLE_CAT").contains("memory"));
            assertTrue(column(md.getSchemas("memory", "ma%"), "TABLE_SCHEM").contains("main"));
            try (ResultSet tables = md.getTables("memory", "main", "meta_%", null)) {
                assertTrue(tables.next());
                assertEquals("meta_t", tables.getString("TABLE_NAME"));
                assertEquals("TABLE", tables.getString("TABLE_TYPE"));
                assertFalse(tables.next());
            }
            assertTrue(column(md.getTableTypes(), "TABLE_TYPE").containsAll(List.of("TABLE", "VIEW")));
            try (ResultSet columns = md.getColumns("memory", "main", "meta_t", null)) {
                List<String> names = new ArrayList<>();
                List<Integer> types = new ArrayList<>();
                while (columns.next()) {
                    names.add(columns.getString("COLUMN_NAME"));
                    types.add(columns.getInt("DATA_TYPE"));
                }
                assertEquals(List.of("id", "amount", "label"), names);
                assertEquals(List.of(Types.BIGINT, Types.DECIMAL, Types.VARCHAR), types);
            }
            try (ResultSet keys = md.getPrimaryKeys("memory", "main", "meta_t")) {
                assertFalse(keys.next());
            }
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        try (rs) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(name));
            }
            return values;
        }
    }

    @Test
    void cancelsAStreamingQuery() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT i FROM range(1000000000) t(i)");
            assertTrue(rs.next());
            assertEquals(1, duck.group().runningQueries());
            s.cancel();
            rs.close();
        }
        awaitNoRunningQueries();
    }
}
