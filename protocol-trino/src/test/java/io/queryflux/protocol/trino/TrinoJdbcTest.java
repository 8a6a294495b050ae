package io.queryflux.protocol.trino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.dispatch.RunningQuery;
import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real trino-jdbc driver against the frontend over DuckDB. */
class TrinoJdbcTest {
    private static TrinoTestServer server;

    @BeforeAll
    static void startServer() throws SQLException {
        server = TrinoTestServer.start(TrinoHttpConfig.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void noSlotLeaked() throws InterruptedException {
        server.awaitNoRunningQueries();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    @Test
    void everyDuckDbTypeRoundTrips() throws SQLException {
        String sql = """
                SELECT true AS b,
                       CAST(-5 AS TINYINT) AS ti,
                       CAST(300 AS SMALLINT) AS si,
                       CAST(70000 AS INTEGER) AS i,
                       CAST(9000000000 AS BIGINT) AS bi,
                       CAST(1.5 AS REAL) AS r,
                       CAST(2.25 AS DOUBLE) AS d,
                       CAST('NaN' AS DOUBLE) AS dnan,
                       CAST('-inf' AS REAL) AS rinf,
                       CAST(12345.678 AS DECIMAL(10,3)) AS dec,
                       CAST('12345678901234567890123456789012345.678' AS DECIMAL(38,3)) AS dec38,
                       CAST(-0.5 AS DECIMAL(4,2)) AS decneg,
                       'héllo, "wörld"' AS vc,
                       '\\xAA\\xBB\\x00'::BLOB AS vb,
                       DATE '2024-02-29' AS dt,
                       TIME '13:14:15.123456' AS t,
                       TIMESTAMP '2024-01-02 03:04:05.123456' AS ts6,
                       CAST(TIMESTAMP '2024-01-02 03:04:05.123' AS TIMESTAMP_MS) AS ts3,
                       CAST('2024-01-02 03:04:05.123456+00' AS TIMESTAMPTZ) AS tstz,
                       '0e2b0c5d-6f0a-4b8e-9d1c-3a5b7c9d1e2f'::UUID AS u,
                       '{"a":[1,2]}'::JSON AS j,
                       [1, 2, NULL]::INTEGER[] AS arr,
                       MAP {'k1': 1, 'k2': NULL} AS m,
                       {'x': 1, 'y': 'z'} AS rw,
                       [{'x': 2, 'y': NULL::VARCHAR}] AS arr_rw,
                       NULL::INTEGER AS n,
                       TIMETZ '13:14:15.123456+05:30' AS ttz
                """;
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> typeNames = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                typeNames.add(meta.getColumnTypeName(i));
            }
            assertEquals(List.of("boolean", "tinyint", "smallint", "integer", "bigint", "real", "double", "double",
                    "real", "decimal(10,3)", "decimal(38,3)", "decimal(4,2)", "varchar", "varbinary", "date",
                    "time(6)", "timestamp(6)", "timestamp(3)", "timestamp(6) with time zone", "uuid", "json",
                    // The driver prints nested types from the typeSignature, without spaces, as with Trino.
                    "array(integer)", "map(varchar,integer)", "row(x integer,y varchar)",
                    "array(row(x integer,y varchar))", "integer", "time(6) with time zone"), typeNames);
            assertEquals(Types.DECIMAL, meta.getColumnType(10));
            assertEquals(10, meta.getPrecision(10));
            assertEquals(3, meta.getScale(10));
            assertEquals(38, meta.getPrecision(11));
            assertEquals(Types.TIMESTAMP, meta.getColumnType(17));
            assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, meta.getColumnType(19));
            assertEquals(Types.ARRAY, meta.getColumnType(22));
            assertEquals("ti", meta.getColumnLabel(2));

            assertTrue(rs.next());
            assertEquals(true, rs.getObject("b"));
            assertEquals((byte) -5, rs.getObject("ti"));
            assertEquals((short) 300, rs.getObject("si"));
            assertEquals(70000, rs.getObject("i"));
            assertEquals(9_000_000_000L, rs.getObject("bi"));
            assertEquals(1.5f, rs.getObject("r"));
            assertEquals(2.25d, rs.getObject("d"));
            assertTrue(Double.isNaN(rs.getDouble("dnan")));
            assertEquals(Float.NEGATIVE_INFINITY, rs.getFloat("rinf"));
            assertEquals(new BigDecimal("12345.678"), rs.getBigDecimal("dec"));
            assertEquals(new BigDecimal("12345678901234567890123456789012345.678"), rs.getBigDecimal("dec38"));
            assertEquals(new BigDecimal("-0.50"), rs.getBigDecimal("decneg"));
            assertEquals("héllo, \"wörld\"", rs.getString("vc"));
            assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB, 0}, rs.getBytes("vb"));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getDate("dt").toLocalDate());
            assertEquals("13:14:15.123456", rs.getString("t"));
            assertEquals("2024-01-02 03:04:05.123456", rs.getString("ts6"));
            assertEquals(123_456_000, rs.getTimestamp("ts6").getNanos());
            assertEquals("2024-01-02 03:04:05.123", rs.getString("ts3"));
            assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), rs.getTimestamp("tstz").toInstant());
            assertEquals("0e2b0c5d-6f0a-4b8e-9d1c-3a5b7c9d1e2f", rs.getString("u"));
            assertEquals("{\"a\":[1,2]}", rs.getString("j"));
            assertArrayEquals(new Object[] {1, 2, null}, (Object[]) rs.getArray("arr").getArray());
            Map<?, ?> map = (Map<?, ?>) rs.getObject("m");
            assertEquals(2, map.size());
            assertEquals(1, map.get("k1"));
            assertTrue(map.containsKey("k2"));
            assertNull(map.get("k2"));
            Row row = (Row) rs.getObject("rw");
            assertEquals(List.of(Optional.of("x"), Optional.of("y")), row.getFields().stream().map(RowField::getName).toList());
            assertEquals(List.of(1, "z"), row.getFields().stream().map(RowField::getValue).toList());
            Object[] rows = (Object[]) rs.getArray("arr_rw").getArray();
            assertEquals(1, rows.length);
            assertEquals(2, ((Row) rows[0]).getFields().get(0).getValue());
            assertNull(((Row) rows[0]).getFields().get(1).getValue());
            assertNull(rs.getObject("n"));
            assertTrue(rs.wasNull());
            assertEquals("13:14:15.123456+05:30", rs.getString("ttz"));
            assertFalse(rs.next());
        }
    }

    @Test
    void hundredThousandRowsArriveInOrderOverManyPages() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT range AS i, 'row-' || range AS s FROM range(100000) ORDER BY i")) {
            long expected = 0;
            while (rs.next()) {
                assertEquals(expected, rs.getLong(1));
                assertEquals("row-" + expected, rs.getString(2));
                expected++;
            }
            assertEquals(100_000, expected);
        }
    }

    @Test
    void syntaxErrorIsTrinosSyntaxError() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("SELEC 1"));
            assertEquals(1, e.getErrorCode()); // SYNTAX_ERROR
            assertEquals("42601", e.getSQLState());
            assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
            // The connection keeps working.
            try (ResultSet rs = statement.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void missingTableIsTableNotFound() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT * FROM no_such_table"));
            assertEquals(46, e.getErrorCode()); // TABLE_NOT_FOUND
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        }
    }

    @Test
    void cancelStopsALongQueryAndFreesItsSlot() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CompletableFuture<Object> execution = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b")) {
                    return rs.next();
                } catch (SQLException e) {
                    return e;
                }
            });
            TrinoTestServer.await(() -> server.duckDb().group().runningQueries() == 1, Duration.ofSeconds(10),
                    () -> "the query to start");
            Thread.sleep(300); // let it run inside DuckDB
            statement.cancel();
            Object outcome = execution.get(20, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "expected a failure, got " + outcome);
        }
        server.awaitNoRunningQueries();
    }

    @Test
    void useChangesTheSchemaOfLaterQueries() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS use_test");
            statement.execute("CREATE OR REPLACE TABLE use_test.t (x INTEGER)");
            assertEquals(2, statement.executeUpdate("INSERT INTO use_test.t VALUES (7), (8)"));
            assertFalse(statement.execute("USE use_test"));
            assertEquals("USE", statement.unwrap(io.trino.jdbc.TrinoStatement.class).getUpdateType());
            assertEquals("use_test", connection.getSchema());
            assertEquals("memory", connection.getCatalog());
            try (ResultSet rs = statement.executeQuery("SELECT sum(x) FROM t")) {
                assertTrue(rs.next());
                assertEquals(15, rs.getLong(1));
            }
            statement.execute("USE memory.main");
            assertEquals("main", connection.getSchema());
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT sum(x) FROM t"));
        }
    }

    @Test
    void setSessionIsSentBackOnLaterQueriesUntilReset() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertFalse(statement.execute("SET SESSION query_max_run_time = '10m'"));
            assertEquals("SET SESSION", statement.unwrap(io.trino.jdbc.TrinoStatement.class).getUpdateType());
            assertEquals(Optional.of("10m"), sessionPropertyOfAnOpenQuery(statement, "query_max_run_time"));

            assertFalse(statement.execute("RESET SESSION query_max_run_time"));
            assertEquals("RESET SESSION", statement.unwrap(io.trino.jdbc.TrinoStatement.class).getUpdateType());
            assertEquals(Optional.empty(), sessionPropertyOfAnOpenQuery(statement, "query_max_run_time"));
        }
    }

    /** What the server received: a session property of a query the client keeps open. */
    private static Optional<String> sessionPropertyOfAnOpenQuery(Statement statement, String name) throws Exception {
        String sql = "SELECT range FROM range(1000000) -- " + name;
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next());
            RunningQuery query = server.duckDb().dispatcher().registry().all().stream()
                    .filter(q -> q.request().sql().equals(sql))
                    .findFirst()
                    .orElseThrow();
            return Optional.ofNullable(query.request().session().sessionProperties().get(name));
        }
    }

    @Test
    void ddlAndDmlReportUpdateTypeAndCount() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertFalse(statement.execute("CREATE OR REPLACE TABLE dml_test (x INTEGER, s VARCHAR)"));
            assertEquals("CREATE TABLE", statement.unwrap(io.trino.jdbc.TrinoStatement.class).getUpdateType());
            assertEquals(3, statement.executeUpdate("INSERT INTO dml_test VALUES (1, 'a'), (2, 'b'), (3, NULL)"));
            assertEquals(2, statement.executeUpdate("DELETE FROM dml_test WHERE x < 3"));
            try (ResultSet rs = statement.executeQuery("SELECT x, s FROM dml_test")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertNull(rs.getString(2));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void emptyResultHasColumnsAndNoRows() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT range AS i FROM range(10) WHERE range > 100")) {
            assertEquals("bigint", rs.getMetaData().getColumnTypeName(1));
            assertFalse(rs.next());
        }
    }
}
