package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.NoAuthProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming with row limits, cancellation and disconnects, and that each gives the group slot back. */
class PgStreamingTest {
    private static final String ENDLESS = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgFrontendConfig.of("127.0.0.1", 0), new NoAuthProvider());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void millionRowsStreamInSmallFetches() throws SQLException {
        try (Connection c = server.connect("prepareThreshold=1&binaryTransfer=true", "streamer", "")) {
            c.setAutoCommit(false); // pgjdbc uses a portal with a row limit only inside a transaction
            try (PreparedStatement p = c.prepareStatement("SELECT range AS i, 'row ' || range AS label"
                    + " FROM range(1000000)")) {
                p.setFetchSize(500);
                long count = 0;
                long sum = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        sum += rs.getLong(1);
                        if (count == 1) {
                            assertEquals("row 0", rs.getString(2));
                        }
                    }
                }
                assertEquals(1_000_000, count);
                assertEquals(999_999L * 1_000_000 / 2, sum);
            }
            c.commit();
        }
        assertEquals(0, server.duckDb().group().runningQueries());
    }

    @Test
    void statementCancelStopsTheBackendQuery() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = server.connect("", "canceller", "");
                Statement s = c.createStatement()) {
            long start = System.nanoTime();
            timer.schedule(() -> {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 500, TimeUnit.MILLISECONDS);
            SQLException cancelled = assertThrows(SQLException.class, () -> s.executeQuery(ENDLESS));
            assertEquals("57014", cancelled.getSQLState());
            assertTrue(cancelled.getMessage().contains("canceling statement due to user request"),
                    cancelled.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
            try (ResultSet rs = s.executeQuery("SELECT 1")) { // the session is usable afterwards
                assertTrue(rs.next());
            }
        } finally {
            timer.shutdownNow();
        }
        server.awaitNoRunningQueries();
    }

    @Test
    void disconnectWhileSuspendedFreesTheSlot() throws Exception {
        Connection c = server.connect("", "leaver", "");
        c.setAutoCommit(false);
        Statement s = c.createStatement();
        s.setFetchSize(10);
        ResultSet rs = s.executeQuery("SELECT * FROM range(100000000)");
        assertTrue(rs.next());
        assertEquals(1, server.duckDb().group().runningQueries());
        c.abort(Runnable::run);
        server.awaitNoRunningQueries();
    }

    @Test
    void disconnectWhileTheServerIsBlockedWritingCancelsTheQuery() throws Exception {
        try (RawPgClient client = new RawPgClient(server.port()).startup("raw")) {
            client.socket().setReceiveBufferSize(4096);
            client.query("SELECT range, repeat('x', 100) FROM range(100000000)");
            client.readUntil('D'); // streaming has begun; now stop reading so the server blocks
            Thread.sleep(300);
            assertEquals(1, server.duckDb().group().runningQueries());
        }
        server.awaitNoRunningQueries();
    }

    @Test
    void hangUpBeforeTheFirstRowCancelsTheQuery() throws Exception {
        try (RawPgClient client = new RawPgClient(server.port()).startup("impatient")) {
            client.query(ENDLESS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.duckDb().group().runningQueries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.duckDb().group().runningQueries());
        }
        server.awaitNoRunningQueries();
    }
}
