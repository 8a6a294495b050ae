package io.queryflux.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.routing.python.ScriptObserver;
import io.queryflux.server.config.ConfigLoader;
import io.queryflux.testing.TestingTrinoServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every Trino type, produced by the real test Trino through the Trino engine, read through each
 * frontend with its real client. Row 1 holds a value of every type, row 2 a NULL of every type.
 * What each protocol can and cannot carry is in docs/engines.md ("Type fidelity per frontend").
 * The Trino HTTP frontend decodes here (rawPassthrough off), so every value takes the engine's
 * type mapping; TrinoPassthroughTest covers the undecoded path.
 */
class TypeMatrixTest {
    private static final String TABLE = """
            CREATE TABLE memory.matrix.qf_types AS
            SELECT 1 AS id, true AS bool, BIGINT '9223372036854775807' AS big,
                   CAST('12345678901234567890123456.789012345678' AS decimal(38,12)) AS dec38,
                   CAST('-0.00000000000000000000000000000000000001' AS decimal(38,38)) AS dec_tiny,
                   REAL '1.5' AS rl, DOUBLE '0.1' AS dbl, nan() AS dnan, -infinity() AS dinf,
                   'grüße ✓' AS vc, X'00ff10' AS vb, UUID '0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e' AS u,
                   JSON '{"a":[1,2.5,null]}' AS j, DATE '2024-02-29' AS dt, TIME '13:14:15.123456' AS tm,
                   TIMESTAMP '2024-02-29 13:14:15.123456' AS ts,
                   TIMESTAMP '2024-02-29 13:14:15.123456 +05:30' AS tstz,
                   TIMESTAMP '2024-02-29 13:14:15.123456 UTC' AS tsutc,
                   ARRAY[1, NULL, 3] AS arr, MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS mp,
                   CAST(ROW(7, 'x') AS ROW(n integer, s varchar)) AS rw
            UNION ALL
            SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   NULL, NULL, NULL, NULL, NULL, NULL
            """;
    /** Valid Trino, PostgreSQL and MySQL alike; the cluster's catalog and schema resolve the table. */
    private static final String QUERY = "SELECT * FROM qf_types ORDER BY id";
    private static final int COLUMNS = 21;
    private static final String CONFIG = """
            queryflux:
              frontends:
                trinoHttp: {port: 0, rawPassthrough: false}
                flightSql: {port: 0, host: 127.0.0.1}
                mysqlWire: {port: 0, host: 127.0.0.1}
                postgresWire: {port: 0, host: 127.0.0.1}
              adminApi: {port: 0}
            clusters:
              trino: {engine: trino, endpoint: "%s", catalog: memory, schema: matrix}
            clusterGroups:
              main: {members: [trino], maxRunningQueries: 4}
            routingFallback: main
            """;

    private static final BigDecimal DEC38 = new BigDecimal("12345678901234567890123456.789012345678");
    private static final BigDecimal DEC_TINY = new BigDecimal("-0.00000000000000000000000000000000000001");
    private static final byte[] BINARY = {0x00, (byte) 0xff, 0x10};
    private static final UUID ID = UUID.fromString("0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e");
    private static final String JSON = "{\"a\":[1,2.5,null]}";
    private static final LocalDateTime LOCAL = LocalDateTime.parse("2024-02-29T13:14:15.123456");
    /** 13:14:15.123456 at +05:30. */
    private static final Instant TSTZ_INSTANT = Instant.parse("2024-02-29T07:44:15.123456Z");
    private static final Instant TSUTC_INSTANT = Instant.parse("2024-02-29T13:14:15.123456Z");
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private static TestingTrinoServer trino;
    private static QueryFluxServer server;

    @BeforeAll
    static void start() throws Exception {
        trino = TestingTrinoServer.get();
        TrinoSetup.run(trino, "CREATE SCHEMA IF NOT EXISTS memory.matrix", "DROP TABLE IF EXISTS memory.matrix.qf_types",
                TABLE);
        server = QueryFluxServer.start(new ConfigLoader(EngineFactories.settingKeys(), n -> null, ScriptObserver.NONE)
                .parse("matrix.yaml", CONFIG.formatted(trino.uri())));
        server.awaitFirstHealthChecks(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noSlotLeft() {
        server.dispatcher().groups().values().forEach(group -> assertEquals(0, group.runningQueries(), group.name()));
        assertTrue(server.dispatcher().registry().all().isEmpty());
    }

    @Test
    void trinoJdbcSeesExactlyWhatTrinoSends() throws Exception {
        List<List<Object>> direct;
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl() + "/memory/matrix", "u", null)) {
            direct = readAll(connection);
        }
        try (Connection connection = DriverManager.getConnection(
                "jdbc:trino://127.0.0.1:" + server.trinoPort().orElseThrow(), "u", null)) {
            assertEquals(direct, readAll(connection), "through the proxy vs straight from Trino");
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
                assertTrue(rs.next());
                assertAll(
                        () -> assertEquals(DEC38, rs.getBigDecimal("dec38")),
                        () -> assertEquals(DEC_TINY, rs.getBigDecimal("dec_tiny")),
                        () -> assertTrue(Double.isNaN(rs.getDouble("dnan"))),
                        () -> assertEquals(Double.NEGATIVE_INFINITY, rs.getDouble("dinf")),
                        () -> assertArrayEquals(BINARY, rs.getBytes("vb")),
                        () -> assertEquals(ID.toString(), rs.getString("u")),
                        () -> assertEquals(JSON, rs.getString("j")),
                        () -> assertEquals("13:14:15.123456", rs.getString("tm")),
                        () -> assertEquals("2024-02-29 13:14:15.123456", rs.getString("ts")),
                        // the offset and the zone name survive, not just the instant
                        () -> assertEquals("2024-02-29 13:14:15.123456 +05:30", rs.getString("tstz")),
                        () -> assertEquals("2024-02-29 13:14:15.123456 UTC", rs.getString("tsutc")),
                        () -> assertEquals("timestamp(6) with time zone", rs.getMetaData().getColumnTypeName(18)),
                        () -> assertEquals(Arrays.asList(1, null, 3), Arrays.asList((Object[]) rs.getArray("arr").getArray())),
                        () -> assertEquals(Map.of("a", 1, "b", 2), rs.getObject("mp")),
                        () -> assertEquals("{n=7, s=x}", rs.getString("rw")));
                assertNullRow(rs);
            }
        }
    }

    @Test
    void pgjdbc() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.postgresPort().orElseThrow() + "/db?user=u");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(QUERY)) {
            assertTrue(rs.next());
            assertAll(common(rs));
            assertAll(
                    () -> assertEquals(1.5f, rs.getFloat("rl")),
                    () -> assertEquals("numeric", rs.getMetaData().getColumnTypeName(4)),
                    () -> assertEquals(38, rs.getMetaData().getPrecision(4)),
                    () -> assertEquals(12, rs.getMetaData().getScale(4)),
                    () -> assertEquals(ID, rs.getObject("u")),
                    () -> assertEquals("json", rs.getMetaData().getColumnTypeName(13)),
                    () -> assertEquals(LocalTime.parse("13:14:15.123456"), rs.getObject("tm", LocalTime.class)),
                    () -> assertEquals(LOCAL, rs.getObject("ts", LocalDateTime.class)),
                    // timestamptz: the instant is exact; PostgreSQL has no per-value offset
                    () -> assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(17)),
                    () -> assertEquals(TSTZ_INSTANT, rs.getObject("tstz", java.time.OffsetDateTime.class).toInstant()),
                    () -> assertEquals(TSUTC_INSTANT, rs.getObject("tsutc", java.time.OffsetDateTime.class).toInstant()),
                    () -> assertEquals("_int4", rs.getMetaData().getColumnTypeName(19)),
                    () -> assertEquals(Arrays.asList(1, null, 3), Arrays.asList((Object[]) rs.getArray("arr").getArray())),
                    // no map type in PostgreSQL; rows come as PostgreSQL record text
                    () -> assertEquals("{a=1, b=2}", rs.getString("mp")),
                    () -> assertEquals("(7,x)", rs.getString("rw")));
            assertNullRow(rs);
        }
    }

    @Test
    void mysqlConnectorJ() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:"
                        + server.mysqlPort().orElseThrow() + "/?user=u&password=&connectionTimeZone=UTC");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(QUERY)) {
            assertTrue(rs.next());
            assertAll(common(rs));
            assertAll(
                    () -> assertEquals(1.5f, rs.getFloat("rl")),
                    () -> assertEquals("DECIMAL", rs.getMetaData().getColumnTypeName(4)),
                    () -> assertEquals(12, rs.getMetaData().getScale(4)),
                    // MySQL's DOUBLE has no infinities: the text arrives, Connector/J refuses to make it a double
                    () -> assertEquals("-Infinity", rs.getString("dinf")),
                    () -> assertThrows(SQLException.class, () -> rs.getDouble("dinf")),
                    () -> assertEquals(ID.toString(), rs.getString("u")),
                    () -> assertEquals("JSON", rs.getMetaData().getColumnTypeName(13)),
                    () -> assertEquals(LocalTime.parse("13:14:15.123456"), rs.getObject("tm", LocalTime.class)),
                    () -> assertEquals(LOCAL, rs.getObject("ts", LocalDateTime.class)),
                    // TIMESTAMP in UTC: the instant is exact, the offset is not carried
                    () -> assertEquals(TSTZ_INSTANT, rs.getTimestamp("tstz", UTC).toInstant()),
                    () -> assertEquals(TSUTC_INSTANT, rs.getTimestamp("tsutc", UTC).toInstant()),
                    // arrays, maps and rows as JSON
                    () -> assertEquals("[1, null, 3]", rs.getString("arr")),
                    () -> assertEquals("{\"a\": 1, \"b\": 2}", rs.getString("mp")),
                    () -> assertEquals("{\"n\": 7, \"s\": \"x\"}", rs.getString("rw")));
            assertNullRow(rs);
        }
    }

    @Test
    void flightSqlJdbc() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:"
                        + server.flightSqlPort().orElseThrow() + "/?useEncryption=false&user=u&password=unused");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(QUERY)) {
            assertTrue(rs.next());
            assertAll(common(rs));
            assertAll(
                    () -> assertEquals(1.5f, rs.getFloat("rl")),
                    () -> assertEquals(38, rs.getMetaData().getPrecision(4)),
                    () -> assertEquals(12, rs.getMetaData().getScale(4)),
                    // uuid is the 16 bytes of Arrow's canonical uuid extension
                    () -> assertEquals(HexFormat.of().formatHex(uuidBytes(ID)), HexFormat.of().formatHex(rs.getBytes("u"))),
                    () -> assertEquals(JSON, rs.getString("j")),
                    // Arrow carries microseconds; the JDBC driver's java.sql.Time stops at milliseconds
                    () -> assertEquals("13:14:15.123", rs.getString("tm")),
                    () -> assertEquals(Timestamp.valueOf(LOCAL), rs.getTimestamp("ts")),
                    // Timestamp(us, "UTC"): exact instant, no per-value offset
                    () -> assertEquals(TSTZ_INSTANT, rs.getTimestamp("tstz", UTC).toInstant()),
                    () -> assertEquals(TSUTC_INSTANT, rs.getTimestamp("tsutc", UTC).toInstant()),
                    () -> assertEquals(Arrays.asList(1, null, 3), Arrays.asList((Object[]) rs.getArray("arr").getArray())),
                    () -> assertEquals("{\"a\":1,\"b\":2}", rs.getString("mp")),
                    () -> assertEquals("{\"n\":7,\"s\":\"x\"}", rs.getString("rw")));
            assertNullRow(rs);
        }
    }

    /** Values every protocol carries exactly and every client reads the same way. */
    private static Executable[] common(ResultSet rs) {
        return new Executable[] {
            () -> assertEquals(1, rs.getInt("id")),
            () -> assertTrue(rs.getBoolean("bool")),
            () -> assertEquals(Long.MAX_VALUE, rs.getLong("big")),
            () -> assertEquals(DEC38, rs.getBigDecimal("dec38")),
            () -> assertEquals(DEC_TINY, rs.getBigDecimal("dec_tiny")),
            () -> assertEquals(0.1, rs.getDouble("dbl")),
            () -> assertTrue(Double.isNaN(rs.getDouble("dnan"))),
            () -> assertEquals("grüße ✓", rs.getString("vc")),
            () -> assertArrayEquals(BINARY, rs.getBytes("vb")),
            () -> assertEquals(JSON, rs.getString("j")),
            () -> assertEquals(LocalDate.of(2024, 2, 29), rs.getDate("dt").toLocalDate()),
        };
    }

    private static void assertNullRow(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        for (int i = 2; i <= COLUMNS; i++) {
            int column = i;
            assertNull(rs.getString(column), () -> "column " + column);
            assertTrue(rs.wasNull(), () -> "column " + column);
        }
        assertFalse(rs.next());
    }

    private static List<List<Object>> readAll(Connection connection) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
            assertEquals(COLUMNS, rs.getMetaData().getColumnCount());
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= COLUMNS; i++) {
                    Object value = rs.getObject(i);
                    row.add(rs.getMetaData().getColumnTypeName(i));
                    row.add(rs.getString(i));
                    row.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                            : value instanceof java.sql.Array array ? Arrays.asList((Object[]) array.getArray())
                            : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] uuidBytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }
}
