package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every common type through DuckDB and back, in text (simple protocol, first extended run) and
 * binary (later extended runs with binaryTransfer), as column values and as bound parameters.
 */
class PgTypesTest {
    private static final String SELECT_ALL = "SELECT b, i2, i4, i8, f4, f8, n, t, v, bin, d, tm, ts, tstz, u, j"
            + " FROM typed ORDER BY i4";
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.MD5);
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (b BOOLEAN, i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE,"
                    + " n DECIMAL(12,4), t TEXT, v VARCHAR(20), bin BLOB, d DATE, tm TIME, ts TIMESTAMP,"
                    + " tstz TIMESTAMPTZ, u UUID, j JSON)");
            s.execute("INSERT INTO typed VALUES (true, -12, 123456, 9007199254740993, 1.5, -2.25e100,"
                    + " -12345678.9012, 'text ''q'' é', 'var', '\\x00\\xFF\\x10'::BLOB, DATE '2024-02-29',"
                    + " TIME '13:14:15.123456', TIMESTAMP '2024-02-29 13:14:15.5', TIMESTAMPTZ '2024-02-29 12:00:00+00',"
                    + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2]}')");
            s.execute("INSERT INTO typed (i4) VALUES (999999)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1&binaryTransfer=true",
            "prepareThreshold=1&binaryTransfer=false"})
    void valuesRoundTrip(String options) throws SQLException {
        try (Connection c = server.connect(options);
                PreparedStatement p = c.prepareStatement(SELECT_ALL)) {
            for (int round = 0; round < 3; round++) {
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(true, rs.getBoolean("b"));
                    assertEquals((short) -12, rs.getShort("i2"));
                    assertEquals(123456, rs.getInt("i4"));
                    assertEquals(9007199254740993L, rs.getLong("i8"));
                    assertEquals(1.5f, rs.getFloat("f4"));
                    assertEquals(-2.25e100, rs.getDouble("f8"));
                    assertEquals(new BigDecimal("-12345678.9012"), rs.getBigDecimal("n"));
                    assertEquals("text 'q' é", rs.getString("t"));
                    assertEquals("var", rs.getString("v"));
                    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, rs.getBytes("bin"));
                    assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
                    assertEquals(LocalTime.of(13, 14, 15, 123_456_000), rs.getObject("tm", LocalTime.class));
                    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000),
                            rs.getObject("ts", LocalDateTime.class));
                    assertEquals(OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC).toInstant(),
                            rs.getObject("tstz", OffsetDateTime.class).toInstant());
                    assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject("u"));
                    assertEquals("{\"k\": [1, 2]}", rs.getString("j").replace(":[", ": [").replace(",2", ", 2"));
                    assertTrue(rs.next());
                    assertNull(rs.getObject("b"));
                    assertNull(rs.getObject("n"));
                    assertNull(rs.getBytes("bin"));
                    assertNull(rs.getObject("tstz"));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1&binaryTransfer=true"})
    void columnTypesMapToPostgresOids(String options) throws SQLException {
        try (Connection c = server.connect(options);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SELECT_ALL)) {
            ResultSetMetaData meta = rs.getMetaData();
            String[] names = {"bool", "int2", "int4", "int8", "float4", "float8", "numeric", "varchar", "varchar",
                    "bytea", "date", "time", "timestamp", "timestamptz", "uuid", "json"};
            for (int i = 0; i < names.length; i++) {
                assertEquals(names[i], meta.getColumnTypeName(i + 1), "column " + meta.getColumnName(i + 1));
            }
            assertEquals(Types.NUMERIC, meta.getColumnType(7));
            assertEquals(12, meta.getPrecision(7));
            assertEquals(4, meta.getScale(7));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1&binaryTransfer=true"})
    void parametersOfEveryTypeAreBound(String options) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("b", true);
        values.put("i2", (short) -12);
        values.put("i4", 123456);
        values.put("i8", 9007199254740993L);
        values.put("f4", 1.5f);
        values.put("f8", -2.25e100);
        values.put("t", "text 'q' é");
        values.put("d", LocalDate.of(2024, 2, 29));
        values.put("tm", LocalTime.of(13, 14, 15, 123_456_000));
        values.put("ts", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000));
        values.put("u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        values.put("tstz", OffsetDateTime.of(2024, 2, 29, 13, 0, 0, 0, ZoneOffset.ofHours(1)));
        // In simple mode pgjdbc inlines these itself, in PostgreSQL spellings ('\\x..'::bytea,
        // '...'::numeric) that the translation gives DuckDB as their meaning.
        values.put("bin", new byte[] {0, (byte) 0xff, 0x10});
        values.put("n", new BigDecimal("-12345678.9012"));
        try (Connection c = server.connect(options)) {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM typed WHERE " + e.getKey() + " = ?")) {
                    for (int round = 0; round < 3; round++) {
                        p.setObject(1, e.getValue());
                        try (ResultSet rs = p.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals(1, rs.getLong(1), e.getKey() + " in round " + round);
                        }
                    }
                }
            }
        }
    }

    /** Written as a parameter, by decode(x, 'hex') or as bytea text, the bytes read back are the bytes written. */
    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1&binaryTransfer=true",
            "prepareThreshold=1&binaryTransfer=false"})
    void bytesWrittenAreTheBytesRead(String options) throws SQLException {
        byte[] bytes = {0, 1, (byte) 0xff, '\\', 'x'};
        try (Connection c = server.connect(options); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE written (how VARCHAR, b BLOB)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO written VALUES ('parameter', ?)")) {
                insert.setBytes(1, bytes);
                assertEquals(1, insert.executeUpdate());
            }
            s.execute("INSERT INTO written VALUES ('decode', decode('0001ff5c78', 'hex')), ('hex text', '\\x0001FF5C78'::bytea),"
                    + " ('escape text', CAST('\\000\\001\\377\\\\x' AS bytea))");
            try (ResultSet rs = s.executeQuery("SELECT how, b FROM written ORDER BY how")) {
                int rows = 0;
                while (rs.next()) {
                    assertArrayEquals(bytes, rs.getBytes("b"), rs.getString("how"));
                    rows++;
                }
                assertEquals(4, rows);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1&binaryTransfer=true"})
    void arraysAreSentAsPostgresArrays(String options) throws SQLException {
        try (Connection c = server.connect(options);
                PreparedStatement p = c.prepareStatement("SELECT [1, 2, NULL]::INTEGER[] AS ints,"
                        + " ['a b', 'c', '\"q\"']::VARCHAR[] AS texts")) {
            for (int round = 0; round < 3; round++) {
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new Integer[] {1, 2, null}, (Integer[]) rs.getArray(1).getArray());
                    assertArrayEquals(new String[] {"a b", "c", "\"q\""}, (String[]) rs.getArray(2).getArray());
                }
            }
        }
    }
}
