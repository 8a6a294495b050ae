package io.queryflux.protocol.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.testing.DuckDbDispatcher;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arrow's own FlightSqlClient against the frontend: large results, memory, cancellation, queueing. */
class FlightSqlClientTest {
    private static final int BATCH_ROWS = 16_384;
    private static final long ROWS = 10_000_000;

    private static DuckDbDispatcher duck;
    private static FlightSqlFrontend frontend;
    private static BufferAllocator allocator;
    private static FlightClient client;
    private static FlightSqlClient sql;
    private static CallOption bearer;

    @BeforeAll
    static void start() throws Exception {
        // Two slots and no queue, so the queue-full test needs only three queries.
        duck = DuckDbDispatcher.start(new GroupLimits(2, 1, Duration.ofSeconds(30)));
        frontend = FlightSqlFrontend.start(FlightSqlFrontendConfig.plain("127.0.0.1", 0)
                        .withBatchRows(BATCH_ROWS)
                        .withTicketTimeout(Duration.ofSeconds(2)),
                duck.dispatcher(),
                new StaticAuthProvider(Map.of("bob", new StaticAuthProvider.User("pw", Set.of()))));
        allocator = new RootAllocator();
        client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", frontend.port())).build();
        bearer = client.authenticateBasicToken("bob", "pw").orElseThrow();
        sql = new FlightSqlClient(client);
    }

    @AfterAll
    static void stop() throws Exception {
        sql.close();
        allocator.close();
        frontend.close();
        duck.close();
    }

    @AfterEach
    void noLeaks() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((duck.group().runningQueries() != 0 || frontend.openTickets() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, duck.group().runningQueries(), "group slots leaked");
        assertEquals(0, frontend.openTickets(), "tickets leaked");
    }

    @Test
    void streamsTenMillionRowsInBoundedBatches() throws Exception {
        FlightInfo info = sql.execute("SELECT i, i * 2 AS j, i / 3 AS d, 'row ' || (i % 1000) AS s "
                + "FROM range(" + ROWS + ") t(i)", bearer);
        assertEquals(4, info.getSchema().getFields().size());
        long rows = 0;
        long sum = 0;
        int batches = 0;
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                assertTrue(root.getRowCount() <= BATCH_ROWS, "batch of " + root.getRowCount());
                BigIntVector i = (BigIntVector) root.getVector("i");
                BigIntVector j = (BigIntVector) root.getVector("j");
                for (int r = 0; r < root.getRowCount(); r++) {
                    sum += i.get(r);
                    assertEquals(i.get(r) * 2, j.get(r));
                }
                rows += root.getRowCount();
                batches++;
            }
        }
        assertEquals(ROWS, rows);
        assertEquals(ROWS * (ROWS - 1) / 2, sum);
        assertTrue(batches >= ROWS / BATCH_ROWS, batches + " batches");
    }

    @Test
    void keepsMemoryBoundedWhileASlowClientReads() throws Exception {
        // About 480 MB of Arrow data in all: far more than the bound, so buffering would show.
        FlightInfo info = sql.execute("SELECT i, i + 1 AS a, i + 2 AS b, 'value number ' || i AS s "
                + "FROM range(" + ROWS + ") t(i)", bearer);
        long before = frontend.peakAllocatedBytes();
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
            for (int batch = 0; batch < 60 && stream.next(); batch++) {
                Thread.sleep(50); // a slow reader: about 330,000 rows a second at most
            }
            long peak = frontend.peakAllocatedBytes();
            assertTrue(peak < 64L << 20, "proxy held " + peak + " bytes of Arrow memory (before: " + before + ")");
            stream.cancel("enough", null);
        }
    }

    @Test
    void sendsTimeWithMicroseconds() throws Exception {
        FlightInfo info = sql.execute("SELECT TIME '12:34:56.123456' AS t", bearer);
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
            assertTrue(stream.next());
            TimeMicroVector t = assertInstanceOf(TimeMicroVector.class, stream.getRoot().getVector("t"));
            assertEquals((12 * 3600 + 34 * 60 + 56) * 1_000_000L + 123_456, t.get(0));
        }
    }

    @Test
    void abandonedTicketFreesItsSlot() throws Exception {
        FlightInfo info = sql.execute("SELECT * FROM range(1000)", bearer);
        assertEquals(1, duck.group().runningQueries());
        Thread.sleep(3_000); // past the 2 s ticket timeout
        assertEquals(0, duck.group().runningQueries());
        FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
            try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
                stream.next();
            }
        });
        assertEquals(FlightStatusCode.NOT_FOUND, e.status().code());
    }

    @Test
    void cancelFlightInfoCancelsTheQuery() throws Exception {
        FlightInfo info = sql.execute("SELECT * FROM range(1000)", bearer);
        assertEquals(1, duck.group().runningQueries());
        assertEquals(CancelStatus.CANCELLED, sql.cancelFlightInfo(new CancelFlightInfoRequest(info), bearer).getStatus());
        assertEquals(0, duck.group().runningQueries());
    }

    @Test
    void fullQueueIsResourceExhaustedAndDeadlineCancelsAQueuedQuery() throws Exception {
        FlightInfo first = sql.execute("SELECT 1", bearer);
        FlightInfo second = sql.execute("SELECT 2", bearer);
        // The third waits in the queue (one place) until its deadline passes.
        long start = System.nanoTime();
        FlightRuntimeException timedOut = assertThrows(FlightRuntimeException.class,
                () -> sql.execute("SELECT 3", bearer, CallOptions.timeout(500, TimeUnit.MILLISECONDS)));
        assertEquals(FlightStatusCode.TIMED_OUT, timedOut.status().code());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (duck.group().queuedQueries() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, duck.group().queuedQueries(), "the timed-out query left the queue");
        // Fill the queue's one place, then one more is refused at once.
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                sql.execute("SELECT 4", bearer, CallOptions.timeout(1500, TimeUnit.MILLISECONDS));
            } catch (FlightRuntimeException expected) {
                // its deadline passes while it waits
            }
        });
        while (duck.group().queuedQueries() != 1) {
            Thread.sleep(10);
        }
        FlightRuntimeException full = assertThrows(FlightRuntimeException.class, () -> sql.execute("SELECT 5", bearer));
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, full.status().code());
        assertTrue(full.getMessage().contains("QUERY_QUEUE_FULL"), full.getMessage());
        waiter.join();
        sql.cancelFlightInfo(new CancelFlightInfoRequest(first), bearer);
        sql.cancelFlightInfo(new CancelFlightInfoRequest(second), bearer);
    }

    @Test
    void rejectsBadCredentials() {
        FlightRuntimeException e = assertThrows(FlightRuntimeException.class,
                () -> client.authenticateBasicToken("bob", "nope"));
        assertEquals(FlightStatusCode.UNAUTHENTICATED, e.status().code());
        FlightRuntimeException noToken = assertThrows(FlightRuntimeException.class, () -> sql.execute("SELECT 1"));
        assertEquals(FlightStatusCode.UNAUTHENTICATED, noToken.status().code());
    }

    @Test
    void answersCatalogCommands() throws Exception {
        FlightInfo info = sql.getCatalogs(bearer);
        boolean memory = false;
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
            while (stream.next()) {
                for (int r = 0; r < stream.getRoot().getRowCount(); r++) {
                    memory |= stream.getRoot().getVector(0).getObject(r).toString().equals("memory");
                }
            }
        }
        assertTrue(memory);
        FlightInfo sqlInfo = sql.getSqlInfo(new org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo[] {
                org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo.FLIGHT_SQL_SERVER_NAME}, bearer);
        try (FlightStream stream = sql.getStream(sqlInfo.getEndpoints().get(0).getTicket(), bearer)) {
            assertTrue(stream.next());
            assertEquals(1, stream.getRoot().getRowCount());
            assertTrue(stream.getRoot().contentToTSVString().contains("QueryFlux"));
            assertFalse(stream.next());
        }
    }
}
