package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pgjdbc against the frontend over DuckDB: the simple and extended protocols, errors, transactions. */
class PgJdbcTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (id INTEGER NOT NULL, name VARCHAR, born DATE)");
            s.execute("INSERT INTO people VALUES (1, 'Ada', DATE '1815-12-10'), (2, 'Alan', DATE '1912-06-23'),"
                    + " (3, NULL, NULL)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void simpleProtocolRunsQueriesAndReportsCounts() throws SQLException {
        try (Connection c = server.connect("preferQueryMode=simple");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM people ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("Ada", rs.getString("name"));
                assertTrue(rs.next());
                assertTrue(rs.next());
                assertEquals(null, rs.getString(2));
                assertFalse(rs.next());
            }
            assertEquals(2, s.executeUpdate("UPDATE people SET name = name WHERE id < 3"));
        }
    }

    /**
     * A write returning rows (RETURNING) or led by WITH reports its count: pgjdbc's executeUpdate
     * reads it, and generated keys (Hibernate's IDENTITY ids) are a RETURNING it appends. (That the
     * tag also names the write, as PostgreSQL's does, PgNodeDriversTest sees.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void writesReturningRowsOrLedByWithReportTheirCount(String options) throws SQLException {
        try (Connection c = server.connect(options); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE keyed (id INTEGER, name VARCHAR)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO keyed VALUES (?, ?)", new String[] {"id"})) {
                insert.setInt(1, 7);
                insert.setString(2, "seven");
                assertEquals(1, insert.executeUpdate());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(7, keys.getInt("id"));
                }
            }
            assertEquals(2, s.executeUpdate("WITH n AS (SELECT 8 AS id UNION ALL SELECT 9) INSERT INTO keyed SELECT id, 'x' FROM n"));
            assertEquals(2, s.executeUpdate("WITH n AS (SELECT 8 AS id) UPDATE keyed SET name = 'y' WHERE id >= (SELECT id FROM n)"));
        }
    }

    @Test
    void severalStatementsInOneQueryMessage() throws SQLException {
        try (Connection c = server.connect("preferQueryMode=simple");
                Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1 AS a; SELECT 'two' AS b, 3 AS c;"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("a"));
            }
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals("two", rs.getString("b"));
                assertEquals(3, rs.getInt("c"));
            }
            assertFalse(s.getMoreResults());
        }
    }

    @Test
    void emptyQueryIsAnswered() throws SQLException {
        try (Connection c = server.connect("preferQueryMode=simple");
                Statement s = c.createStatement()) {
            assertFalse(s.execute(""));
            assertFalse(s.execute(" ; -- nothing\n"));
        }
    }

    @Test
    void extendedProtocolBindsParametersAndReusesStatements() throws SQLException {
        try (Connection c = server.connect("prepareThreshold=1&binaryTransfer=true");
                PreparedStatement p = c.prepareStatement("SELECT name, born FROM people WHERE id = ? OR name = ?")) {
            for (int round = 0; round < 3; round++) { // the later rounds use the server-prepared statement
                p.setInt(1, 2);
                p.setString(2, "it's");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("Alan", rs.getString(1));
                    assertEquals(java.time.LocalDate.of(1912, 6, 23), rs.getObject(2, java.time.LocalDate.class));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void syntaxAndMissingTableErrorsCarrySqlState() throws SQLException {
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
            assertEquals("42601", syntax.getSQLState());
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
            assertEquals("42P01", missing.getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT 42")) { // the connection goes on
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void errorInsideTransactionBlocksUntilRollback() throws SQLException {
        try (Connection c = server.connect("")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
                SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
                assertEquals("25P02", aborted.getSQLState());
                c.rollback();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
                c.commit();
            }
        }
    }

    @Test
    void sessionChatterIsAnsweredByTheProxy() throws SQLException {
        try (Connection c = server.connect("ApplicationName=reports");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("PostgreSQL 15.0"), rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT current_setting('application_name'), current_schema(),"
                    + " pg_backend_pid()")) {
                assertTrue(rs.next());
                assertEquals("reports", rs.getString(1));
                assertEquals("main", rs.getString(2), "DuckDB's default schema, where unqualified tables are");
                assertTrue(rs.getInt(3) > 0);
            }
            assertEquals("main", c.getSchema());
            assertEquals("analytics", c.getCatalog(), "select current_catalog, answered by the proxy");
            s.execute("SET search_path TO main");
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                assertTrue(rs.next());
                assertEquals("main", rs.getString(1));
            }
            s.execute("SET TIME ZONE 'Europe/Paris'");
            try (ResultSet rs = s.executeQuery("SHOW TimeZone")) {
                assertTrue(rs.next());
                assertEquals("Europe/Paris", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SHOW TIME ZONE")) {
                assertTrue(rs.next());
                assertEquals("Europe/Paris", rs.getString("TimeZone"));
            }
        }
    }

    @Test
    void noGroupSlotLeaks() throws SQLException {
        try (Connection c = server.connect("")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM range(10)")) {
                assertTrue(rs.next());
            }
        }
        assertEquals(0, server.duckDb().group().runningQueries());
    }

    @Test
    void columnsAreNamedAsPostgresNamesThemNotAsTheEngineDoes() throws SQLException {
        String sql = "SELECT count(*), max(id), id + 1, upper(name), name AS Shout, CAST(id AS text), 1::int,"
                + " CASE WHEN id > 1 THEN 'b' END, trim(name), \"name\" FROM people WHERE id = 1 GROUP BY id, name";
        // What PostgreSQL calls them; DuckDB says count_star(), max(id), (id + 1), upper("name"), Shout...
        List<String> postgres = List.of("count", "max", "?column?", "upper", "shout", "id", "int4", "case", "btrim",
                "name");
        for (String options : List.of("preferQueryMode=simple", "prepareThreshold=1")) {
            try (Connection c = server.connect(options); PreparedStatement s = c.prepareStatement(sql)) {
                if (!options.contains("simple")) {
                    assertEquals(postgres, labels(s.getMetaData()), "described before it runs");
                }
                try (ResultSet rs = s.executeQuery()) {
                    assertEquals(postgres, labels(rs.getMetaData()), options);
                    assertTrue(rs.next());
                    assertEquals(1, rs.getLong("count"));
                    assertEquals("ADA", rs.getString("upper"));
                }
            }
        }
    }

    @Test
    void sqlPrepareExecuteAndDeallocateWorkOnAnEngineWithoutThem() throws SQLException {
        try (Connection c = server.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("PREPARE next_of(int) AS SELECT $1 + 1 AS n");
            s.execute("PREPARE typed(bool) AS SELECT $1");
            try (ResultSet rs = s.executeQuery("EXECUTE typed(true)")) { // named as PostgreSQL names $1
                assertEquals("?column?", rs.getMetaData().getColumnLabel(1));
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            s.execute("PREPARE shout AS SELECT upper($1) AS loud, name FROM people WHERE id = $2");
            try (ResultSet rs = s.executeQuery("EXECUTE next_of(41)")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt("n"));
            }
            try (ResultSet rs = s.executeQuery("EXECUTE next_of('1')")) { // cast to the declared int
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("EXECUTE shout('a, b', 1)")) {
                assertTrue(rs.next());
                assertEquals("A, B", rs.getString("loud"));
                assertEquals("Ada", rs.getString("name"));
            }
            assertEquals("42P05", assertThrows(SQLException.class,
                    () -> s.execute("PREPARE next_of AS SELECT 1")).getSQLState());
            assertEquals("42601", assertThrows(SQLException.class, () -> s.execute("EXECUTE next_of")).getSQLState());
            s.execute("DEALLOCATE next_of");
            assertEquals("26000", assertThrows(SQLException.class, () -> s.execute("EXECUTE next_of(1)")).getSQLState());
            assertEquals("26000", assertThrows(SQLException.class, () -> s.execute("DEALLOCATE next_of")).getSQLState());
            s.execute("DEALLOCATE ALL");
            assertEquals("26000", assertThrows(SQLException.class, () -> s.execute("EXECUTE shout('x', 1)")).getSQLState());
        }
    }

    @Test
    void sqlPrepareThroughTheExtendedProtocolAndPostgresParameterRules() throws SQLException {
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            // pgjdbc sends this with Parse/Bind: the $1 belongs to the prepared body, not to the Bind.
            s.execute("PREPARE by_id(int) AS SELECT name FROM people WHERE id = $1");
            try (ResultSet rs = s.executeQuery("EXECUTE by_id(2)")) {
                assertTrue(rs.next());
                assertEquals("Alan", rs.getString(1));
            }
            // Declared types count even when unused; a type modifier does not bind a parameter.
            s.execute("PREPARE two(int, text) AS SELECT $1 AS a");
            try (ResultSet rs = s.executeQuery("EXECUTE two(7, 'unused')")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt("a"));
            }
            s.execute("PREPARE wide(numeric(5, 2)) AS SELECT $1 AS m");
            try (ResultSet rs = s.executeQuery("EXECUTE wide(1234.567)")) {
                assertTrue(rs.next());
                assertEquals(0, new java.math.BigDecimal("1234.567").compareTo(rs.getBigDecimal("m")));
            }
            assertEquals("42P02", assertThrows(SQLException.class, () -> s.execute("PREPARE zero AS SELECT $0"))
                    .getSQLState());
            // EXECUTE as a protocol-level prepared statement: described (Describe of the statement) as
            // the statement it runs, so pgjdbc reads its rows and knows their columns before it runs.
            try (Connection p = server.connect("prepareThreshold=1"); Statement ps = p.createStatement()) {
                ps.execute("PREPARE by_name(text) AS SELECT id, name FROM people WHERE name = $1");
                try (java.sql.PreparedStatement execute = p.prepareStatement("EXECUTE by_name(?)")) {
                    assertEquals(2, execute.getMetaData().getColumnCount());
                    assertEquals("name", execute.getMetaData().getColumnLabel(2));
                    for (int run = 0; run < 2; run++) {
                        execute.setString(1, "Alan");
                        try (ResultSet rs = execute.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals(2, rs.getInt(1));
                            assertEquals("Alan", rs.getString(2));
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1")) { // the connection goes on
                assertTrue(rs.next());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(90)
    void statementTimeoutCancelsALongQueryAsPostgresDoes() throws SQLException {
        // Minutes of work on DuckDB: only the timeout ends it within the test's limit.
        String slow = "SELECT sum(range % 7) FROM range(100000000000)";
        try (Connection c = server.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '300ms'");
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(slow));
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                assertTrue(rs.next());
                assertEquals("300ms", rs.getString(1));
            }
            for (String invalid : List.of("'soon'", "'5S'", "'30d'")) { // units are case-sensitive; 30d is too long
                assertEquals("22023", assertThrows(SQLException.class,
                        () -> s.execute("SET statement_timeout = " + invalid)).getSQLState(), invalid);
            }
            s.execute("SET statement_timeout = 60000");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) { // printed as PostgreSQL prints it
                assertTrue(rs.next());
                assertEquals("1min", rs.getString(1));
            }
            s.execute("SET statement_timeout = 0");
            try (ResultSet rs = s.executeQuery("SELECT sum(range) FROM range(1000)")) { // no limit now
                assertTrue(rs.next());
                assertEquals(499500, rs.getLong(1));
            }
        }
        // Set at connection start, in the extended protocol; RESET goes back to it, as in PostgreSQL.
        try (Connection c = server.connect("options=-c%20statement_timeout%3D200"); PreparedStatement p =
                c.prepareStatement(slow); Statement s = c.createStatement()) {
            assertEquals("57014", assertThrows(SQLException.class, p::executeQuery).getSQLState());
            s.execute("SET statement_timeout = 0");
            s.execute("RESET statement_timeout");
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                assertTrue(rs.next());
                assertEquals("200ms", rs.getString(1));
            }
        }
        // A value PostgreSQL would not take refuses the connection.
        assertEquals("22023", assertThrows(SQLException.class,
                () -> server.connect("options=-c%20statement_timeout%3Dsoon")).getSQLState());
        assertEquals(0, server.duckDb().group().runningQueries());
    }

    @Test
    void aBoundParameterDoesNotNameAColumn() throws SQLException {
        // PostgreSQL names $1 "?column?" whatever value is bound; the literal the proxy binds must not
        // name it (a boolean is bound as true, bytes as decode('..', 'hex'): "bool" and "decode").
        try (Connection c = server.connect("prepareThreshold=1");
                PreparedStatement s = c.prepareStatement("SELECT ?, ?, ? AS d, name FROM people WHERE id = ?")) {
            s.setBoolean(1, true);
            s.setBytes(2, new byte[] {1, 2});
            s.setBoolean(3, false);
            s.setInt(4, 1);
            try (ResultSet rs = s.executeQuery()) {
                assertEquals(List.of("?column?", "?column?", "d", "name"), labels(rs.getMetaData()));
            }
        }
    }

    @Test
    void parameterMetaDataHasTheTypesTheEngineInfers() throws SQLException {
        // pgjdbc asks the server (Describe of the statement), as DBeaver's parameter binding does;
        // with no cast in the statement the types are DuckDB's, not text.
        try (Connection c = server.connect("");
                PreparedStatement select = c.prepareStatement("SELECT count(*) FROM people WHERE id > ? AND born < ?");
                PreparedStatement update = c.prepareStatement("UPDATE people SET name = ? WHERE id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO people VALUES (?, ?, ?) RETURNING id, born")) {
            ParameterMetaData selected = select.getParameterMetaData();
            assertEquals(List.of("int4", "date"), List.of(selected.getParameterTypeName(1), selected.getParameterTypeName(2)));
            ParameterMetaData updated = update.getParameterMetaData();
            assertEquals(List.of("varchar", "int4"), List.of(updated.getParameterTypeName(1), updated.getParameterTypeName(2)));
            // What RETURNING returns, described before anything runs.
            assertEquals(List.of("id", "born"), labels(insert.getMetaData()));
            assertEquals("date", insert.getMetaData().getColumnTypeName(2));
        }
        assertEquals(0, server.duckDb().group().runningQueries());
    }

    @Test
    void setDateIsReadAsADate() throws SQLException {
        // pgjdbc sends a java.sql.Date untyped, as "1900-01-01 +00", for the server to infer date;
        // DuckDB refuses the zone PostgreSQL ignores. Unnamed statements, then a described one.
        for (String options : List.of("", "prepareThreshold=1")) {
            try (Connection c = server.connect(options);
                    PreparedStatement s = c.prepareStatement("SELECT name FROM people WHERE born < ? ORDER BY id")) {
                for (int run = 0; run < 2; run++) {
                    s.setDate(1, java.sql.Date.valueOf("1900-01-01"));
                    try (ResultSet rs = s.executeQuery()) {
                        assertTrue(rs.next(), options);
                        assertEquals("Ada", rs.getString(1));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void setLocalLastsUntilTheTransactionEndsAndRollbackUndoesSet() throws SQLException {
        try (Connection c = server.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            String application = show(s, "application_name"); // pgjdbc's, from the startup packet
            s.execute("BEGIN");
            s.execute("SET LOCAL statement_timeout = '1s'");
            assertEquals("1s", show(s, "statement_timeout"));
            s.execute("COMMIT");
            assertEquals("0", show(s, "statement_timeout"));

            s.execute("BEGIN");
            s.execute("SET statement_timeout = '2s'");
            s.execute("SET application_name = 'inside'");
            s.execute("ROLLBACK");
            assertEquals("0", show(s, "statement_timeout"));
            assertEquals(application, show(s, "application_name"));

            s.execute("BEGIN");
            s.execute("SET statement_timeout = '3s'");
            s.execute("SET LOCAL application_name = 'briefly'");
            s.execute("COMMIT");
            assertEquals("3s", show(s, "statement_timeout"));
            assertEquals(application, show(s, "application_name"));

            s.execute("SET LOCAL statement_timeout = '4s'"); // outside a transaction: no effect
            assertEquals("3s", show(s, "statement_timeout"));
            s.execute("RESET statement_timeout");
        }
    }

    private static String show(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static List<String> labels(java.sql.ResultSetMetaData meta) throws SQLException {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return labels;
    }
}
