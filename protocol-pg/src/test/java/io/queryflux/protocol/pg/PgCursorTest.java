package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.auth.NoAuthProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL cursors (DECLARE / FETCH / MOVE / CLOSE) served by the proxy over DuckDB, which has none:
 * through pgjdbc in both protocols and psql's FETCH_COUNT, with PostgreSQL's lifetimes and errors.
 */
class PgCursorTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Trust: the raw-protocol test below speaks the protocol without a password exchange.
        server = PgTestServer.start(PgFrontendConfig.of("127.0.0.1", 0), new NoAuthProvider());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void noSlotIsLeft() throws InterruptedException {
        // Closing a cursor, its transaction or its connection gives back the group slot its query held.
        server.awaitNoRunningQueries();
    }

    private static Connection simple() throws SQLException {
        return server.connect("preferQueryMode=simple");
    }

    private static List<Long> fetch(Statement s, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    @Test
    void fetchAndMoveReadTheQueryForwardInSteps() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE c NO SCROLL CURSOR FOR SELECT range AS n FROM range(10) ORDER BY n");
            assertEquals(1, server.duckDb().group().runningQueries()); // started, its rows not read
            assertEquals(List.of(0L, 1L, 2L), fetch(s, "FETCH 3 FROM c"));
            assertEquals(List.of(3L), fetch(s, "FETCH c"));
            assertEquals(List.of(4L, 5L), fetch(s, "FETCH FORWARD 2 IN c"));
            assertEquals(2, s.executeUpdate("MOVE FORWARD 2 FROM c"));
            assertEquals(List.of(8L, 9L), fetch(s, "FETCH ALL FROM c"));
            assertEquals(0, server.duckDb().group().runningQueries()); // read to its end: the slot is back
            assertEquals(List.of(), fetch(s, "FETCH NEXT FROM c"));
            assertEquals(0, s.executeUpdate("MOVE ALL FROM c"));
            s.execute("CLOSE c");
            assertEquals(0, server.duckDb().group().runningQueries());
            s.execute("COMMIT");
        }
    }

    @Test
    void absoluteAndRelativeGoForwardAsOnANoScrollCursor() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE c CURSOR FOR SELECT range FROM range(10) ORDER BY range");
            assertEquals(List.of(0L), fetch(s, "FETCH FIRST FROM c"));
            assertEquals(List.of(3L), fetch(s, "FETCH ABSOLUTE 4 FROM c"));
            assertEquals(List.of(5L), fetch(s, "FETCH RELATIVE 2 FROM c"));
            assertEquals(1, s.executeUpdate("MOVE ABSOLUTE 8 IN c")); // on row 8 (value 7)
            assertEquals(List.of(8L), fetch(s, "FETCH NEXT FROM c"));
            assertEquals("55000", assertThrows(SQLException.class, () -> s.execute("FETCH ABSOLUTE 2 FROM c"))
                    .getSQLState()); // behind: only a SCROLL cursor goes back
            s.execute("ROLLBACK");
        }
    }

    @Test
    void eachFetchDescribesItsRowsAndCountsThem() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE \"Mixed Case\" CURSOR WITHOUT HOLD FOR SELECT range AS n, 'x' || range AS label"
                    + " FROM range(3) ORDER BY n");
            assertTrue(s.execute("FETCH 2 FROM \"Mixed Case\""));
            try (ResultSet rs = s.getResultSet()) {
                assertEquals("label", rs.getMetaData().getColumnLabel(2));
                assertTrue(rs.next());
                assertEquals("x0", rs.getString("label"));
            }
            s.execute("ROLLBACK");
        }
    }

    @Test
    void cursorsEndWithTheirTransactionUnlessHeld() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE plain CURSOR FOR SELECT 1");
            s.execute("DECLARE kept CURSOR WITH HOLD FOR SELECT range FROM range(5) ORDER BY range");
            s.execute("COMMIT");
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("FETCH plain")).getSQLState());
            assertEquals(List.of(0L, 1L), fetch(s, "FETCH 2 FROM kept"));

            // A held cursor declared in a transaction that rolls back goes with it.
            s.execute("BEGIN");
            s.execute("DECLARE undone CURSOR WITH HOLD FOR SELECT 1");
            s.execute("ROLLBACK");
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("FETCH undone")).getSQLState());
            assertEquals(List.of(2L, 3L, 4L), fetch(s, "FETCH ALL FROM kept")); // declared before: it stays
            s.execute("CLOSE ALL");
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("FETCH kept")).getSQLState());
        }
    }

    @Test
    void aConnectionThatEndsClosesItsCursors() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            s.execute("DECLARE left_open CURSOR WITH HOLD FOR SELECT range FROM range(1000000)");
            assertEquals(List.of(0L), fetch(s, "FETCH left_open"));
            assertEquals(1, server.duckDb().group().runningQueries());
        }
        // noSlotIsLeft checks the slot comes back without a CLOSE
    }

    @Test
    void errorsAreThoseOfPostgresAndTheSessionGoesOn() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            assertEquals("25P01", assertThrows(SQLException.class,
                    () -> s.execute("DECLARE c CURSOR FOR SELECT 1")).getSQLState());
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("FETCH 1 FROM nope")).getSQLState());
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("CLOSE nope")).getSQLState());
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> s.execute("DECLARE c SCROLL CURSOR WITH HOLD FOR SELECT 1")).getSQLState());
            assertEquals("42601", assertThrows(SQLException.class,
                    () -> s.execute("DECLARE c CURSOR WITH HOLD FOR DELETE FROM t")).getSQLState());
            assertEquals("42601", assertThrows(SQLException.class,
                    () -> s.execute("FETCH SIDEWAYS 2 FROM c")).getSQLState());

            s.execute("BEGIN");
            s.execute("DECLARE c CURSOR FOR SELECT 1");
            assertEquals("42P03", assertThrows(SQLException.class,
                    () -> s.execute("DECLARE c CURSOR FOR SELECT 2")).getSQLState());
            s.execute("ROLLBACK");

            s.execute("BEGIN");
            s.execute("DECLARE c CURSOR FOR SELECT range FROM range(3)");
            assertEquals("55000", assertThrows(SQLException.class, () -> s.execute("FETCH PRIOR FROM c")).getSQLState());
            // The transaction failed, as in PostgreSQL; ROLLBACK ends it and the cursor.
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.execute("FETCH c")).getSQLState());
            s.execute("ROLLBACK");
            assertEquals(List.of(7L), fetch(s, "SELECT 7"));
        }
    }

    @Test
    void aQueryThatFailsLeavesNoCursor() throws SQLException {
        try (Connection c = simple(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("DECLARE bad CURSOR WITH HOLD FOR"
                    + " SELECT CAST('x' || range AS INTEGER) FROM range(5)"));
            assertFalse(e.getSQLState().startsWith("08"), e.getSQLState()); // the connection is fine
            assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("FETCH bad")).getSQLState());
            assertEquals(List.of(1L), fetch(s, "SELECT 1"));
        }
    }

    @Test
    void aCursorDeclaredWithParametersNamesThemAsPostgresDoes() throws SQLException {
        // As psycopg 3 declares a named cursor: the DECLARE itself carries the bound parameters.
        try (Connection c = server.connect("prepareThreshold=1")) {
            c.setAutoCommit(false);
            try (PreparedStatement declare = c.prepareStatement("DECLARE bound CURSOR FOR SELECT ?, ? AS flag")) {
                declare.setBoolean(1, true);
                declare.setBoolean(2, false);
                declare.execute();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("FETCH bound")) {
                assertEquals("?column?", rs.getMetaData().getColumnLabel(1));
                assertEquals("flag", rs.getMetaData().getColumnLabel(2));
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            c.rollback();
        }
    }

    @Test
    void theExtendedProtocolPreparesFetchWithTheCursorsColumns() throws SQLException {
        try (Connection c = server.connect("prepareThreshold=1"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DECLARE ext CURSOR FOR SELECT range AS n FROM range(5) ORDER BY n");
            try (PreparedStatement next = c.prepareStatement("FETCH 2 FROM ext")) {
                assertEquals("n", next.getMetaData().getColumnLabel(1));
                List<Long> all = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    try (ResultSet rs = next.executeQuery()) {
                        while (rs.next()) {
                            all.add(rs.getLong(1));
                        }
                    }
                }
                assertEquals(List.of(0L, 1L, 2L, 3L, 4L), all);
            }
            c.commit();
        }
    }

    @Test
    void aCursorIsAPortalToDescribeAndCloseAsPsycopgDoes() throws Exception {
        try (RawPgClient client = new RawPgClient(server.port()).startup("psycopg")) {
            client.query("BEGIN");
            client.readUntil('Z');
            client.query("DECLARE pc CURSOR FOR SELECT range AS n FROM range(3)");
            client.readUntil('Z');
            // psycopg 3 describes its named cursor as a portal before fetching from it.
            client.send('D', "Ppc\0".getBytes(StandardCharsets.UTF_8));
            client.send('S', new byte[0]);
            RawPgClient.Message description = client.read();
            assertEquals('T', description.type(), description.text());
            assertTrue(description.text().contains("n"), description.text());
            client.readUntil('Z');
            client.query("FETCH FORWARD 2 FROM pc");
            assertEquals("FETCH 2\0", client.readUntil('C').text());
            client.readUntil('Z');
            client.send('C', "Ppc\0".getBytes(StandardCharsets.UTF_8));
            client.send('S', new byte[0]);
            assertEquals('3', client.read().type()); // CloseComplete
            client.readUntil('Z');
            assertEquals(0, server.duckDb().group().runningQueries());
            client.query("FETCH pc");
            assertTrue(client.readUntil('E').text().contains("34000"));
            client.readUntil('Z');
        }
    }

    @Test
    void psqlFetchCountReadsThroughACursor() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        // psql then runs BEGIN, DECLARE, FETCH FORWARD 2 until a short batch, CLOSE, COMMIT.
        ProcessBuilder builder = new ProcessBuilder(PSQL.toString(), "-X", "-A", "-t", "-v", "FETCH_COUNT=2", "-h",
                "127.0.0.1", "-p", Integer.toString(server.port()), "-U", PgTestServer.USER, "-d", "analytics",
                "-c", "SELECT range AS n FROM range(5) ORDER BY n")
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PgTestServer.PASSWORD);
        builder.environment().put("PGSSLMODE", "disable");
        Process psql = builder.start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(psql.waitFor(30, TimeUnit.SECONDS));
        assertEquals("0\n1\n2\n3\n4\n", out, out);
        assertEquals(0, psql.exitValue(), out);
    }
}
