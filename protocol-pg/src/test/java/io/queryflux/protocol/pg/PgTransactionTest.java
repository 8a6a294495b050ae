package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.queryflux.dispatch.QueryObserver;
import io.queryflux.dispatch.QueryStatus;
import io.queryflux.protocol.pg.auth.PgAuthMethod;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transaction blocks through the PostgreSQL frontend are real transactions on engines that have
 * them: pgjdbc with autocommit off against DuckDB and against a real PostgreSQL. A ROLLBACK
 * undoes, other sessions do not see uncommitted rows, temporary tables last for the block,
 * savepoints and a COMMIT that PostgreSQL refuses behave as on PostgreSQL, and a client that
 * goes away mid-block leaves nothing behind.
 */
class PgTransactionTest {
    private static PgTestServer duckDb;
    private static EmbeddedPostgres postgres;
    private static PostgresBackedFrontend proxy;
    private static PostgresBackedFrontend pgjdbcProxy;
    private static TimeZone jvmZone;

    @BeforeAll
    static void start() throws Exception {
        // pgjdbc sends the JVM's zone as TimeZone; blocks run on forwarded connections only while it is UTC.
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        duckDb = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
        try (Connection c = duckDb.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (id INTEGER, note VARCHAR)");
        }
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (id int PRIMARY KEY, note text)");
            s.execute("CREATE TABLE parent (id int PRIMARY KEY)");
            s.execute("CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)");
            s.execute("CREATE VIEW child_ids AS SELECT parent_id AS id FROM child");
        }
        proxy = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(), "postgres", "postgres", 2, Map.of());
        // Its blocks run on pgjdbc connections.
        pgjdbcProxy = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(), "postgres", "postgres", 2,
                Map.of("forwardWire", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (pgjdbcProxy != null) {
            pgjdbcProxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (duckDb != null) {
            duckDb.close();
        }
        TimeZone.setDefault(jvmZone);
    }

    private static Connection direct() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                + "/postgres?user=postgres&sslmode=disable");
    }

    private static Connection proxied(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port()
                + "/postgres?user=postgres&sslmode=disable" + options);
    }

    private static List<Integer> ids(Connection c, String table) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void duckDbRollbackUndoesCommitKeepsAndTheBlockHoldsOneSlot() throws Exception {
        try (Connection c = duckDb.connect(""); Connection other = duckDb.connect("")) {
            execute(c, "DELETE FROM ledger");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (1, 'rolled back')");
            assertEquals(List.of(1), ids(c, "ledger"));
            assertEquals(List.of(), ids(other, "ledger"), "another session saw an uncommitted row");
            assertEquals(1, duckDb.duckDb().group().runningQueries(), "an idle block holds its group slot");
            c.rollback();
            assertEquals(0, duckDb.duckDb().group().runningQueries());
            assertEquals(List.of(), ids(c, "ledger"));

            execute(c, "INSERT INTO ledger VALUES (2, 'kept')");
            c.commit();
            assertEquals(List.of(2), ids(other, "ledger"));
            c.commit(); // an empty block binds nothing
        }
        duckDb.awaitNoRunningQueries();
    }

    @Test
    void duckDbTemporaryTableLastsForTheBlockAndPreparedStatementsSeeIt() throws Exception {
        try (Connection c = duckDb.connect("prepareThreshold=1")) {
            c.setAutoCommit(false);
            execute(c, "CREATE TEMP TABLE staged AS SELECT 5 AS id UNION ALL SELECT 6");
            // Described (LIMIT 0 probe) and run on the block's connection, where the table is.
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM staged WHERE id > ? ORDER BY id")) {
                p.setInt(1, 5);
                try (ResultSet rs = p.executeQuery()) {
                    assertEquals(1, rs.getMetaData().getColumnCount());
                    List<Integer> got = new ArrayList<>();
                    while (rs.next()) {
                        got.add(rs.getInt(1));
                    }
                    assertEquals(List.of(6), got);
                }
            }
            c.commit();
        }
        duckDb.awaitNoRunningQueries();
    }

    @Test
    void duckDbErrorInABlockThenRollbackAndADisconnectMidBlockRollsBack() throws Exception {
        try (Connection c = duckDb.connect("")) {
            execute(c, "DELETE FROM ledger");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (3, 'lost')");
            assertThrows(SQLException.class, () -> execute(c, "SELECT * FROM missing"));
            SQLException aborted = assertThrows(SQLException.class, () -> ids(c, "ledger"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            assertEquals(List.of(), ids(c, "ledger"));
            execute(c, "INSERT INTO ledger VALUES (4, 'left open')");
        } // closed with the block open
        duckDb.awaitNoRunningQueries();
        try (Connection c = duckDb.connect("")) {
            assertEquals(List.of(), ids(c, "ledger"));
        }
    }

    @Test
    void postgresBlockIsIsolatedAndRollsBack() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (10, 'pending')");
            assertEquals(List.of(10), ids(c, "ledger"));
            assertEquals(List.of(), ids(d, "ledger"), "PostgreSQL saw a row the block has not committed");
            c.rollback();
            assertEquals(List.of(), ids(d, "ledger"));
            execute(c, "INSERT INTO ledger VALUES (11, 'committed')");
            c.commit();
            assertEquals(List.of(11), ids(d, "ledger"));
        }
    }

    @Test
    void postgresSavepointsRollBackToWhereTheyWereSet() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (20, 'kept')");
            execute(c, "SAVEPOINT before_dupes");
            execute(c, "INSERT INTO ledger VALUES (21, 'undone')");
            // A duplicate key fails the block; rolling back to the savepoint makes it usable again.
            SQLException duplicate = assertThrows(SQLException.class, () -> execute(c, "INSERT INTO ledger VALUES (20, 'dupe')"));
            assertEquals("23505", duplicate.getSQLState());
            execute(c, "ROLLBACK TO SAVEPOINT before_dupes");
            execute(c, "INSERT INTO ledger VALUES (22, 'after')");
            execute(c, "RELEASE SAVEPOINT before_dupes");
            c.commit();
            assertEquals(List.of(20, 22), ids(d, "ledger"));
        }
    }

    @Test
    void postgresCommitThatFailsIsTheCommitsErrorAndRollsBack() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO child VALUES (99)"); // checked at COMMIT: no parent 99
            SQLException refused = assertThrows(SQLException.class, c::commit);
            assertEquals("23503", refused.getSQLState());
            assertEquals(List.of(), ids(d, "child_ids"));
            // The connection goes on, outside any block.
            c.setAutoCommit(true);
            assertEquals(List.of(), ids(c, "child_ids"));
        }
    }

    /** Column type names and values of a prepared query, as pgjdbc reads them. */
    private static List<String> typedRows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int run = 0; run < 2; run++) { // the second run is prepared on the server: binary results
                out.clear();
                try (ResultSet rs = p.executeQuery()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.add(rs.getMetaData().getColumnTypeName(i));
                    }
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            out.add(String.valueOf(rs.getObject(i)));
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void postgresBlockForwardsPostgresOwnTypesInTextAndBinary() throws Exception {
        String sql = "SELECT 'héllo'::text AS t, 'n'::name AS n, '{\"k\": 1}'::jsonb AS j, point(1.5, -2) AS p,"
                + " interval '1 day 2 hours' AS i";
        try (Connection c = proxied("&prepareThreshold=1"); Connection d = direct()) {
            c.setAutoCommit(false);
            d.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (30, 'in the block')");
            List<String> expected = typedRows(d, sql);
            assertEquals(expected, typedRows(c, sql));
            // The block is one PostgreSQL transaction: the insert's transaction is the one the query runs in.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pg_current_xact_id_if_assigned() IS NOT NULL")) {
                rs.next();
                assertEquals(true, rs.getBoolean(1), "the query ran outside the insert's transaction");
            }
            c.rollback();
            d.rollback();
            assertEquals(List.of(), ids(d, "ledger WHERE id = 30"));
        }
    }

    @Test
    void postgresCopyFromStdinJoinsTheBlock() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            c.setAutoCommit(false);
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            assertEquals(2, copy.copyIn("COPY ledger FROM STDIN", new java.io.StringReader("40\tx\n41\ty\n")));
            assertEquals(List.of(40, 41), ids(c, "ledger"));
            assertEquals(List.of(), ids(d, "ledger"));
            c.rollback();
            assertEquals(List.of(), ids(d, "ledger"));
            copy.copyIn("COPY ledger FROM STDIN", new java.io.StringReader("42\tz\n"));
            c.commit();
            assertEquals(List.of(42), ids(d, "ledger"));
        }
    }

    @Test
    void postgresBlockRefusesASecondStatementWhileAResultIsOpenAndGoesOnAfterRollback() throws Exception {
        try (Connection c = proxied("")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(2); // read by portal, 2 rows at a time: the rest waits in PostgreSQL's socket
                try (ResultSet rs = s.executeQuery("SELECT g FROM generate_series(1, 10) g")) {
                    rs.next();
                    SQLException refused = assertThrows(SQLException.class, () -> ids(c, "ledger"));
                    assertEquals("0A000", refused.getSQLState(), refused.getMessage());
                }
            }
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM generate_series(1, 3)")) {
                rs.next();
                assertEquals(3, rs.getInt(1));
            }
            c.commit();
        }
    }

    @Test
    void postgresBlockStartsOverWhenItsPooledConnectionDiedWhileIdle() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            ids(c, "ledger"); // leaves the engine's own connections idle in its pool
            terminateIdleEngineConnections(d);
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (50, 'after a restart')");
            assertEquals(List.of(50), ids(c, "ledger"));
            assertEquals(List.of(), ids(d, "ledger"));
            c.commit();
            assertEquals(List.of(50), ids(d, "ledger"));
        }
    }

    /**
     * Ends the engine's idle connections from the PostgreSQL side, as a restart or an idle timeout
     * would, and waits until their backends are gone (each sent its FATAL before it exited).
     */
    private static void terminateIdleEngineConnections(Connection direct) throws SQLException, InterruptedException {
        List<Integer> ended = new ArrayList<>();
        try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery("SELECT pid, pg_terminate_backend(pid)"
                + " FROM pg_stat_activity WHERE application_name = 'queryflux' AND state = 'idle'")) {
            while (rs.next()) {
                ended.add(rs.getInt(1));
            }
        }
        assertEquals(true, !ended.isEmpty(), "no idle engine connection to terminate");
        String stillThere = "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(ARRAY" + ended + ")";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery(stillThere)) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    /**
     * In a block on a pgjdbc connection (which cannot describe without running), a Describe is not
     * sent to be refused: nothing is counted as a failed query.
     */
    @Test
    void aDescribeInAPgjdbcBlockIsNotACountedFailure() throws Exception {
        List<QueryStatus> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueryObserver observer = PostgresBackedFrontend.recordingEnds(ended);
        try (PostgresBackedFrontend viaJdbc = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(),
                "postgres", "postgres", 1, Map.of("forwardWire", "false"), observer);
                Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + viaJdbc.port()
                        + "/postgres?user=postgres&sslmode=disable")) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (70, 'x')");
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger SET note = ? WHERE id = ?")) {
                assertEquals(2, s.getParameterMetaData().getParameterCount());
            }
            c.rollback();
        }
        assertEquals(false, ended.contains(QueryStatus.FAILED), ended.toString());
    }

    /** A pooled connection PostgreSQL ended while it idled is not used for a statement that writes. */
    @Test
    void aWritingStatementOutsideABlockDoesNotMeetADeadPooledConnection() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            ids(c, "ledger"); // leaves the engine's own connections idle in its pool
            terminateIdleEngineConnections(d);
            Thread.sleep(150); // the pool looks at connections idle for 100 ms or more
            // Forwarded, and not sent again if its connection is lost: it must get a live one.
            execute(c, "WITH added AS (INSERT INTO ledger VALUES (60, 'x') RETURNING id) SELECT count(*) FROM added");
            assertEquals(List.of(60), ids(d, "ledger"));
            execute(d, "DELETE FROM ledger");
        }
    }

    /**
     * Two blocks that each read what the other writes: under SERIALIZABLE PostgreSQL refuses one
     * (40001), under the default read committed both commit. The first block runs forwarded, the
     * second on a pgjdbc connection (a cluster without forwardWire): both carry the isolation level.
     */
    @Test
    void postgresSerializableBlocksRefuseAWriteSkew() throws Exception {
        try (Connection a = proxied(""); Connection d = direct(); Connection b = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgjdbcProxy.port() + "/postgres?user=postgres&sslmode=disable")) {
            execute(d, "DELETE FROM ledger");
            for (Connection c : List.of(a, b)) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
                c.setAutoCommit(false);
            }
            assertEquals(List.of(), ids(a, "ledger WHERE note = 'oncall'"));
            assertEquals(List.of(), ids(b, "ledger WHERE note = 'oncall'"));
            execute(a, "INSERT INTO ledger VALUES (60, 'oncall')");
            execute(b, "INSERT INTO ledger VALUES (61, 'oncall')");
            a.commit();
            SQLException refused = assertThrows(SQLException.class, b::commit);
            assertEquals("40001", refused.getSQLState(), refused.getMessage());
            assertEquals(List.of(60), ids(d, "ledger"));
        }
    }

    @Test
    void postgresReadOnlyBlockRefusesWritesAndShowsItsModes() throws Exception {
        try (Connection c = proxied(""); Statement s = c.createStatement()) {
            execute(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertEquals("repeatable read", rs.getString(1));
            }
            // Asked of PostgreSQL itself (the proxy answers current_setting() alone).
            try (ResultSet rs = s.executeQuery("SELECT upper(current_setting('transaction_isolation')),"
                    + " current_setting('transaction_read_only') FROM (VALUES (1)) AS v")) {
                assertEquals(true, rs.next());
                assertEquals("REPEATABLE READ", rs.getString(1));
                assertEquals("on", rs.getString(2));
            }
            SQLException refused = assertThrows(SQLException.class, () -> execute(c, "INSERT INTO ledger VALUES (70, 'no')"));
            assertEquals("25006", refused.getSQLState(), refused.getMessage());
            execute(c, "ROLLBACK");
            try (ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertEquals("read committed", rs.getString(1));
            }
        }
    }

    /** pgjdbc's executeBatch: the inserts up to the failing one, run alone, would have stayed. */
    private static void failingBatch(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger VALUES (?, 'batch')")) {
            for (int id : new int[] {90, 91, 90}) {
                p.setInt(1, id);
                p.addBatch();
            }
            assertThrows(java.sql.BatchUpdateException.class, p::executeBatch);
        }
    }

    @Test
    void postgresBatchAndMultiStatementQueryAreAllOrNothingAsOnPostgres() throws Exception {
        for (boolean throughProxy : new boolean[] {false, true}) {
            try (Connection c = throughProxy ? proxied("") : direct(); Connection d = direct()) {
                execute(d, "DELETE FROM ledger");
                failingBatch(c);
                assertEquals(List.of(), ids(d, "ledger"), "a failed batch left rows, through the proxy: " + throughProxy);
                // One Query message with two statements; the second fails.
                assertThrows(SQLException.class, () -> execute(c, "INSERT INTO ledger VALUES (92, 'a'); INSERT INTO ledger VALUES (92, 'b')"));
                assertEquals(List.of(), ids(d, "ledger"));
                execute(c, "INSERT INTO ledger VALUES (93, 'a'); INSERT INTO ledger VALUES (94, 'b')");
                assertEquals(List.of(93, 94), ids(d, "ledger"));
                try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger VALUES (?, 'batch')")) {
                    for (int id : new int[] {95, 96}) {
                        p.setInt(1, id);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                assertEquals(List.of(93, 94, 95, 96), ids(d, "ledger"));
            }
        }
    }

    @Test
    void duckDbBatchAndMultiStatementQueryAreAllOrNothing() throws Exception {
        try (Connection c = duckDb.connect("")) {
            execute(c, "DELETE FROM ledger");
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS unique_ids (id INTEGER PRIMARY KEY)");
            execute(c, "DELETE FROM unique_ids");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO unique_ids VALUES (?)")) {
                for (int id : new int[] {1, 2, 1}) {
                    p.setInt(1, id);
                    p.addBatch();
                }
                assertThrows(java.sql.BatchUpdateException.class, p::executeBatch);
            }
            assertEquals(List.of(), ids(c, "unique_ids"));
            assertThrows(SQLException.class, () -> execute(c, "INSERT INTO unique_ids VALUES (3); INSERT INTO unique_ids VALUES (3)"));
            assertEquals(List.of(), ids(c, "unique_ids"));
        }
        duckDb.awaitNoRunningQueries();
    }

    /** A client idle inside a block past idle_in_transaction_session_timeout loses its connection, and the block's slot comes back. */
    @Test
    void duckDbIdleInTransactionTimeoutEndsTheConnectionAndFreesTheSlot() throws Exception {
        try (Connection c = duckDb.connect("")) {
            execute(c, "DELETE FROM ledger");
            execute(c, "SET idle_in_transaction_session_timeout = '300ms'");
            execute(c, "SELECT 1"); // outside a block no limit applies
            Thread.sleep(500);
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (100, 'abandoned')");
            assertEquals(1, duckDb.duckDb().group().runningQueries());
            Thread.sleep(1_000);
            SQLException ended = assertThrows(SQLException.class, () -> ids(c, "ledger"));
            assertEquals("25P03", ended.getSQLState(), ended.getMessage());
        }
        duckDb.awaitNoRunningQueries();
        try (Connection c = duckDb.connect("")) {
            assertEquals(List.of(), ids(c, "ledger"));
        }
    }

    private static int tablesNamed(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    /** The catalog mirrors read what is committed, and are read again once a block's DDL is. */
    @Test
    void duckDbCatalogShowsATableCreatedInABlockOnceItCommits() throws Exception {
        try (Connection c = duckDb.connect("")) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE made_in_block (id INTEGER)");
            assertEquals(0, tablesNamed(c, "made_in_block"), "the mirror read an uncommitted table");
            c.commit();
            assertEquals(1, tablesNamed(c, "made_in_block"));
            c.setAutoCommit(true);
            execute(c, "DROP TABLE made_in_block");
        }
        duckDb.awaitNoRunningQueries();
    }

    /** On PostgreSQL the catalog is PostgreSQL's own, read in the block: what it created, before it commits. */
    @Test
    void postgresCatalogInABlockSeesWhatTheBlockCreated() throws Exception {
        try (Connection c = proxied("")) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE made_in_pg_block (id int)");
            assertEquals(1, tablesNamed(c, "made_in_pg_block"));
            c.rollback();
            assertEquals(0, tablesNamed(c, "made_in_pg_block"));
        }
    }

    @Test
    void duckDbSavepointsAreRefusedClearlyOnceTheBlockIsBound() throws Exception {
        try (Connection c = duckDb.connect("")) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (110, 'x')");
            SQLException refused = assertThrows(SQLException.class, () -> execute(c, "SAVEPOINT inner_work"));
            assertEquals("0A000", refused.getSQLState(), refused.getMessage());
            assertEquals(true, refused.getMessage().contains("savepoints"), refused.getMessage());
            c.rollback();
        }
        duckDb.awaitNoRunningQueries();
    }

    /** Django's nested atomic(): the savepoint comes before the block's first statement reaches PostgreSQL. */
    @Test
    void postgresSavepointsTakenBeforeTheFirstStatementAreOnTheEngine() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            execute(c, "BEGIN");
            execute(c, "SAVEPOINT s1");
            execute(c, "INSERT INTO ledger VALUES (120, 'kept')");
            execute(c, "RELEASE SAVEPOINT s1");
            execute(c, "SAVEPOINT s2");
            execute(c, "INSERT INTO ledger VALUES (121, 'undone')");
            execute(c, "ROLLBACK WORK TO SAVEPOINT s2");
            execute(c, "COMMIT");
            assertEquals(List.of(120), ids(d, "ledger"));

            execute(c, "BEGIN");
            execute(c, "SAVEPOINT a");
            execute(c, "SAVEPOINT b");
            execute(c, "ROLLBACK TRANSACTION TO SAVEPOINT a"); // b is gone, a stays
            execute(c, "INSERT INTO ledger VALUES (122, 'undone')");
            execute(c, "ROLLBACK TO a");
            execute(c, "INSERT INTO ledger VALUES (123, 'kept')");
            execute(c, "COMMIT");
            assertEquals(List.of(120, 123), ids(d, "ledger"));
            SQLException chain = assertThrows(SQLException.class, () -> execute(c, "COMMIT AND CHAIN"));
            assertEquals("0A000", chain.getSQLState());
        }
    }

    /** A result closed early whose rest held an error aborted the block on PostgreSQL: COMMIT says so. */
    @Test
    void postgresCommitAfterAnUnreadErrorReportsTheRollback() throws Exception {
        try (Connection c = proxied(""); Connection d = direct()) {
            execute(d, "DELETE FROM ledger");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (130, 'lost')");
            try (Statement s = c.createStatement()) {
                s.setFetchSize(2);
                try (ResultSet rs = s.executeQuery("SELECT 10 / (g - 5) FROM generate_series(1, 10) g")) {
                    rs.next(); // the error (row 5) is still unread when the result is closed
                }
            }
            SQLException rolledBack = assertThrows(SQLException.class, c::commit);
            assertEquals("40000", rolledBack.getSQLState(), rolledBack.getMessage());
            assertEquals(List.of(), ids(d, "ledger"));
        }
    }

    /** The hang-up watch of a long statement must not leave the idle limit off. */
    @Test
    void postgresIdleInTransactionTimeoutHoldsAfterALongStatement() throws Exception {
        // The simple protocol: its statements have the hang-up watch.
        try (Connection c = proxied("&preferQueryMode=simple")) {
            execute(c, "SET idle_in_transaction_session_timeout = '400ms'");
            c.setAutoCommit(false);
            execute(c, "SELECT pg_sleep(0.8)"); // long enough for the hang-up watch to start
            Thread.sleep(1_200);
            SQLException ended = assertThrows(SQLException.class, () -> ids(c, "ledger"));
            assertEquals("25P03", ended.getSQLState(), ended.getMessage());
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getMetaData().getColumnTypeName(1) + ":" + rs.getString(1);
        }
    }

    /**
     * A session whose TimeZone or IntervalStyle is not the engine connections' still gets
     * PostgreSQL's own rows in a block: the block's connection takes the client's settings as SET
     * LOCAL, also when they change inside the block. (pgjdbc insists on an ISO DateStyle.)
     */
    @Test
    void postgresBlockPrintsWithTheClientsTimeZoneAndIntervalStyle() throws Exception {
        String at = "SELECT '2024-01-02 12:00:00+00'::timestamptz::text AS t, interval '1 day 2 hours' AS i";
        try (Connection c = proxied("")) {
            execute(c, "SET TimeZone = 'Europe/Berlin'");
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (140, 'zoned')");
            assertEquals("text:2024-01-02 13:00:00+01", text(c, at));
            execute(c, "SET TimeZone = 'Asia/Tokyo'");
            execute(c, "SET IntervalStyle = 'iso_8601'");
            assertEquals("text:2024-01-02 21:00:00+09", text(c, at));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(at)) {
                rs.next();
                assertEquals("P1DT2H", rs.getString(2));
            }
            c.rollback();
        }
    }
}
