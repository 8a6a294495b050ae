package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client matrix: MySQL Connector/J 9 (client-side prepares, server-side prepares with a
 * statement cache, server cursors) and MariaDB Connector/J 3 (text and binary), each against
 * the frontend over DuckDB.
 */
class ClientMatrixTest {
    private static final String ALL_TYPES = """
            SELECT true AS b, CAST(-7 AS TINYINT) AS ti, CAST(-300 AS SMALLINT) AS si, 123456 AS i,
                   CAST(9007199254740993 AS BIGINT) AS bi, CAST(1.5 AS REAL) AS r, CAST(2.25 AS DOUBLE) AS d,
                   CAST(12345.678 AS DECIMAL(10,3)) AS dec, 'héllo ''q''' AS vc, '\\xAA\\xBB'::BLOB AS vb,
                   DATE '2024-02-29' AS dt, TIME '13:45:56.123456' AS tm,
                   TIMESTAMP '2024-02-29 13:45:56.123456' AS ts, TIMESTAMPTZ '2024-02-29 13:45:56+02' AS tstz,
                   UUID 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS u, [1, 2, 3] AS arr, map(['a'], [1]) AS m,
                   struct_pack(x := 1, y := 'z') AS st, CAST(NULL AS INTEGER) AS ni, '{"k": [1]}'::JSON AS j
            """;
    private static TestServer server;

    record Client(String name, boolean mysql, String options, boolean serverPrepared, int fetchSize) {
        @Override
        public String toString() {
            return name;
        }

        Connection connect() throws SQLException {
            return mysql ? server.mysql(options) : server.mariadb(options);
        }
    }

    static Stream<Client> clients() {
        return Stream.of(
                new Client("Connector/J text", true, "useServerPrepStmts=false&connectionTimeZone=UTC", false,
                        Integer.MIN_VALUE),
                new Client("Connector/J server prepared", true,
                        "useServerPrepStmts=true&cachePrepStmts=true&connectionTimeZone=UTC", true, Integer.MIN_VALUE),
                new Client("Connector/J cursor fetch", true, "useCursorFetch=true&connectionTimeZone=UTC", true, 1000),
                new Client("MariaDB J text", false, "connectionTimeZone=UTC", false, 1000),
                new Client("MariaDB J server prepared", false, "useServerPrepStmts=true&connectionTimeZone=UTC", true,
                        1000));
    }

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void everyTypeRoundTrips(Client client) throws SQLException {
        try (Connection c = client.connect()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ALL_TYPES)) {
                checkAllTypes(rs);
            }
            try (PreparedStatement ps = c.prepareStatement(ALL_TYPES)) {
                ps.setFetchSize(client.fetchSize() == Integer.MIN_VALUE ? 0 : client.fetchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    checkAllTypes(rs);
                }
            }
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    private static void checkAllTypes(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.INTEGER, md.getColumnType(4));
        assertEquals(Types.BIGINT, md.getColumnType(5));
        assertEquals(Types.DECIMAL, md.getColumnType(8));
        assertEquals(3, md.getScale(8));
        assertEquals(Types.DATE, md.getColumnType(11));
        assertEquals(Types.TIMESTAMP, md.getColumnType(13));
        assertTrue(rs.getBoolean("b"));
        assertEquals(-7, rs.getByte("ti"));
        assertEquals(-300, rs.getShort("si"));
        assertEquals(123456, rs.getInt("i"));
        assertEquals(9007199254740993L, rs.getLong("bi"));
        assertEquals(1.5f, rs.getFloat("r"));
        assertEquals(2.25, rs.getDouble("d"));
        assertEquals(new BigDecimal("12345.678"), rs.getBigDecimal("dec"));
        assertEquals("héllo 'q'", rs.getString("vc"));
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB}, rs.getBytes("vb"));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("dt", LocalDate.class));
        assertEquals(LocalTime.of(13, 45, 56, 123456000), rs.getObject("tm", LocalTime.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 56, 123456000), rs.getObject("ts", LocalDateTime.class));
        assertEquals(Instant.parse("2024-02-29T11:45:56Z"), rs.getTimestamp("tstz").toInstant());
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", rs.getString("u"));
        assertEquals("[1, 2, 3]", rs.getString("arr"));
        assertEquals("{\"a\": 1}", rs.getString("m"));
        assertEquals("{\"x\": 1, \"y\": \"z\"}", rs.getString("st"));
        assertEquals(0, rs.getInt("ni"));
        assertTrue(rs.wasNull());
        assertNull(rs.getObject("ni"));
        assertEquals("{\"k\": [1]}", rs.getString("j"));
        assertFalse(rs.next());
    }

    @ParameterizedTest
    @MethodSource("clients")
    void parametersRoundTrip(Client client) throws SQLException {
        try (Connection c = client.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ? AS i, ? AS l, ? AS s, ? AS dec, ? AS d, COALESCE(?, 7) AS n, ? AS dt, ? AS ts, '?' AS literal")) {
            for (int round = 0; round < 2; round++) {
                ps.setInt(1, 42 + round);
                ps.setLong(2, -9007199254740993L);
                ps.setString(3, "it's ? " + round);
                ps.setBigDecimal(4, new BigDecimal("-123.4500"));
                ps.setDouble(5, 0.125);
                ps.setNull(6, Types.INTEGER);
                ps.setObject(7, LocalDate.of(2023, 12, 31));
                ps.setObject(8, LocalDateTime.of(2023, 12, 31, 23, 59, 58, 500000000));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + round, rs.getInt("i"));
                    assertEquals(-9007199254740993L, rs.getLong("l"));
                    assertEquals("it's ? " + round, rs.getString("s"));
                    assertEquals(0, new BigDecimal("-123.4500").compareTo(rs.getBigDecimal("dec")));
                    assertEquals(0.125, rs.getDouble("d"));
                    assertEquals(7, rs.getInt("n"));
                    assertEquals(LocalDate.of(2023, 12, 31), LocalDate.parse(rs.getString("dt").substring(0, 10)));
                    assertTrue(rs.getString("ts").startsWith("2023-12-31 23:59:58.5"), rs.getString("ts"));
                    assertEquals("?", rs.getString("literal"));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void millionRowsStream(Client client) throws SQLException {
        try (Connection c = client.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT i, 'row ' || i AS label FROM range(1000000) t(i) ORDER BY i",
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(client.fetchSize());
            long count = 0;
            long sum = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long i = rs.getLong(1);
                    if (count == 999_999) {
                        assertEquals("row 999999", rs.getString(2));
                    }
                    sum += i;
                    count++;
                }
            }
            assertEquals(1_000_000, count);
            assertEquals(999_999L * 1_000_000 / 2, sum);
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    @ParameterizedTest
    @MethodSource("clients")
    void databaseMetaDataBrowses(Client client) throws SQLException {
        String table = "meta_" + client.name().replaceAll("\\W", "_").toLowerCase();
        try (Connection c = client.connect()) {
            try (Statement create = c.createStatement()) {
                create.execute("CREATE OR REPLACE TABLE main." + table
                        + " (id INTEGER NOT NULL, name VARCHAR, price DECIMAL(9,2))");
            }
            // Connector/J statements restore the database they were created under, so create after.
            c.setCatalog("main");
            Statement s = c.createStatement();
            DatabaseMetaData md = c.getMetaData();
            assertTrue(md.getDatabaseProductVersion().startsWith("8.0"), md.getDatabaseProductVersion());
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString(1));
                }
            }
            assertTrue(catalogs.contains("main"), catalogs::toString);
            // SHOW statements and information_schema queries are answered from the proxy's
            // MySQL-shaped mirror of the engine's catalog (DatabaseMetaDataTest covers the drivers).
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW FULL TABLES FROM `main` LIKE 'meta%'")) {
                assertEquals("Tables_in_main", rs.getMetaData().getColumnLabel(1));
                while (rs.next()) {
                    tables.add(rs.getString(1) + ":" + rs.getString("Table_type"));
                }
            }
            assertTrue(tables.contains(table + ":BASE TABLE"), tables::toString);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW COLUMNS FROM " + table)) {
                while (rs.next()) {
                    columns.add(rs.getString("Field") + ":" + rs.getString("Type") + ":" + rs.getString("Null"));
                }
            }
            assertEquals(List.of("id:int:NO", "name:varchar(65535):YES", "price:decimal(9,2):YES"), columns);
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_name = '"
                    + table + "'")) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                assertTrue(rs.next());
                assertEquals("main", rs.getString(1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void statementCancelInterruptsTheBackendQuery(Client client) throws Exception {
        try (Connection c = client.connect(); Statement s = c.createStatement()) {
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> assertThrows(
                    SQLException.class,
                    () -> s.executeQuery("SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3")));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                while (server.duckDb.group().runningQueries() == 0) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                s.cancel();
                SQLException e = outcome.join();
                assertTrue(e.getErrorCode() == 1317 || e.getMessage().contains("cancel"), e::toString);
            });
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }
}
