package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions through the MySQL frontend are real on DuckDB: Connector/J with autocommit off
 * (SET autocommit=0), START TRANSACTION, COMMIT and ROLLBACK, SET autocommit=1 committing, and a
 * disconnect mid-transaction rolling back and freeing the group slot.
 */
class MySqlTransactionTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (id INTEGER)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ledger");
        }
    }

    private static List<Integer> ids(Connection c) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM ledger ORDER BY id")) {
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

    private static void awaitNoRunningQueries() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (server.duckDb.group().runningQueries() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.duckDb.group().runningQueries(), "a group slot leaked");
    }

    @Test
    void autocommitOffRollsBackAndCommits() throws Exception {
        autocommitOff("");
    }

    /** Connector/J then skips a SET autocommit the server's status flags say is not needed. */
    @Test
    void autocommitOffWithLocalSessionStateReadsTheStatusFlags() throws Exception {
        autocommitOff("useLocalSessionState=true&elideSetAutoCommits=true");
    }

    private static void autocommitOff(String options) throws Exception {
        try (Connection c = server.mysql(options); Connection other = server.mysql("")) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (1)");
            assertEquals(List.of(1), ids(c));
            assertEquals(List.of(), ids(other), "another session saw an uncommitted row");
            c.rollback();
            assertEquals(List.of(), ids(c));
            execute(c, "INSERT INTO ledger VALUES (2)");
            c.commit();
            assertEquals(List.of(2), ids(other));
            execute(c, "INSERT INTO ledger VALUES (3)");
            c.setAutoCommit(true); // commits, as in MySQL
            assertEquals(List.of(2, 3), ids(other));
            execute(c, "INSERT INTO ledger VALUES (6)"); // autocommitted
            assertEquals(List.of(2, 3, 6), ids(other));
            assertEquals(List.of(2, 3, 6), ids(c));
            c.setAutoCommit(false);
            execute(c, "INSERT INTO ledger VALUES (7)");
            c.rollback();
            assertEquals(List.of(2, 3, 6), ids(c));
        }
        awaitNoRunningQueries();
    }

    @Test
    void startTransactionThenRollbackAndADisconnectRollsBack() throws Exception {
        try (Connection c = server.mysql("")) {
            execute(c, "START TRANSACTION");
            execute(c, "INSERT INTO ledger VALUES (4)");
            execute(c, "ROLLBACK");
            assertEquals(List.of(), ids(c));
            execute(c, "BEGIN");
            execute(c, "INSERT INTO ledger VALUES (5)");
            assertEquals(1, server.duckDb.group().runningQueries(), "an open transaction holds its slot");
        } // gone with the transaction open
        awaitNoRunningQueries();
        try (Connection c = server.mysql("")) {
            assertEquals(List.of(), ids(c));
        }
    }

    @Test
    void turningAutocommitOnCommitsEvenAnExplicitTransaction() throws Exception {
        try (Connection c = server.mysql(""); Connection other = server.mysql("")) {
            execute(c, "SET autocommit = 0");
            execute(c, "START TRANSACTION");
            execute(c, "INSERT INTO ledger VALUES (8)");
            assertEquals(List.of(), ids(other));
            execute(c, "SET autocommit = 1");
            assertEquals(List.of(8), ids(other));
            execute(c, "INSERT INTO ledger VALUES (9)"); // autocommitted
            assertEquals(List.of(8, 9), ids(other));
        }
        awaitNoRunningQueries();
    }

    private static List<String> tablesLike(Connection c, String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES FROM main LIKE '" + pattern + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Metadata is read from what is committed, and again once a transaction's DDL is. */
    @Test
    void metadataShowsATableCreatedInATransactionOnceItCommits() throws Exception {
        try (Connection c = server.mysql("")) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE made_in_tx (id INTEGER)");
            assertEquals(List.of(), tablesLike(c, "made_in_tx"), "metadata read an uncommitted table");
            c.commit();
            assertEquals(List.of("made_in_tx"), tablesLike(c, "made_in_tx"));
            c.setAutoCommit(true);
            execute(c, "DROP TABLE made_in_tx");
        }
        awaitNoRunningQueries();
    }
}
