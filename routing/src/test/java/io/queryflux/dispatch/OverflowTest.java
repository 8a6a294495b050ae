package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.Overflow;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.RouterChain;
import io.queryflux.testing.ProbedEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spill-over to an overflow group, on real embedded DuckDB. */
class OverflowTest {
    private static DuckDbEngine duckDb;
    private ProbedEngine smallEngine;
    private ProbedEngine bigEngine;
    private ClusterGroup small;
    private ClusterGroup big;
    private QueryDispatcher dispatcher;
    private final ConcurrentLinkedQueue<String> overflowEvents = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void open() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
    }

    @AfterAll
    static void close() {
        duckDb.close();
    }

    private void start(GroupLimits smallLimits, Optional<Duration> spillAfter, GroupLimits bigLimits,
            Optional<Overflow> bigOverflow) {
        smallEngine = new ProbedEngine(duckDb, Duration.ofMillis(20));
        bigEngine = new ProbedEngine(duckDb, Duration.ofMillis(20));
        small = new ClusterGroup("small", List.of(new Cluster("small-duck", smallEngine, true, Integer.MAX_VALUE)),
                smallLimits, new RoundRobinStrategy(), true, Optional.of(new Overflow("big", spillAfter)));
        big = new ClusterGroup("big", List.of(new Cluster("big-duck", bigEngine, true, Integer.MAX_VALUE)), bigLimits,
                new RoundRobinStrategy(), true, bigOverflow);
        dispatcher = new QueryDispatcher(new RouterChain(List.of(), "small"), Map.of("small", small, "big", big),
                new QueryObserver() {
                    @Override
                    public void overflowed(String fromGroup, String toGroup) {
                        overflowEvents.add(fromGroup + "->" + toGroup);
                    }
                });
    }

    private RunningQuery submit(String sql) {
        return dispatcher.submit(new QueryRequest(sql, ClientSession.of(Protocol.TRINO_HTTP, "burst")));
    }

    private void assertNothingHeld() {
        for (ClusterGroup group : List.of(small, big)) {
            assertEquals(0, group.runningQueries(), group.name());
            assertEquals(0, group.queuedQueries(), group.name());
        }
        assertEquals(0, smallEngine.open());
        assertEquals(0, bigEngine.open());
        assertEquals(0, dispatcher.registry().size());
    }

    @Test
    void burstOfHundredAllCompleteInTheRightGroups() throws Exception {
        start(new GroupLimits(2, 5, Duration.ofSeconds(60)), Optional.empty(),
                new GroupLimits(4, 200, Duration.ofSeconds(60)), Optional.empty());
        int clients = 100;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<QueryTrace>> traces = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                traces.add(threads.submit(() -> {
                    go.await();
                    try (RunningQuery query = submit("SELECT " + n + " + count(*) FROM range(1000)")) {
                        ResultCursor cursor = query.start();
                        assertTrue(cursor.next());
                        assertEquals(n + 1000L, ((Number) cursor.value(0)).longValue());
                        assertTrue(!cursor.next());
                        return query.trace();
                    }
                }));
            }
            go.countDown();
            int inSmall = 0;
            int inBig = 0;
            for (Future<QueryTrace> future : traces) {
                QueryTrace trace = future.get(60, TimeUnit.SECONDS);
                assertEquals(QueryState.FINISHED, trace.state());
                if (trace.group().equals(Optional.of("small"))) {
                    inSmall++;
                    assertEquals(Optional.of("small-duck"), trace.cluster());
                    assertEquals(List.of(), trace.overflows());
                } else {
                    inBig++;
                    assertEquals(Optional.of("big"), trace.group());
                    assertEquals(Optional.of("big-duck"), trace.cluster());
                    assertEquals(List.of(new OverflowStep("small", "big", "queue of cluster group 'small' full "
                            + "(5 waiting)")), trace.overflows());
                }
            }
            assertEquals(clients, inSmall + inBig, "none lost");
            assertTrue(inSmall >= 2 && inBig > 0, "small ran " + inSmall + ", big ran " + inBig);
            assertEquals(inBig, overflowEvents.size());
            assertEquals(inSmall, smallEngine.startOrder().size());
            assertEquals(inBig, bigEngine.startOrder().size());
        }
        assertEquals(2, smallEngine.maxRunning());
        assertTrue(bigEngine.maxRunning() <= 4, "big ran " + bigEngine.maxRunning() + " at once");
        assertNothingHeld();
    }

    @Test
    void queryThatWaitsTooLongSpills() throws Exception {
        start(new GroupLimits(1, 10, Duration.ofSeconds(60)), Optional.of(Duration.ofMillis(200)),
                new GroupLimits(4, 10, Duration.ofSeconds(60)), Optional.empty());
        try (RunningQuery holder = submit("SELECT 1")) {
            holder.start();
            long start = System.nanoTime();
            try (RunningQuery waiter = submit("SELECT 2")) {
                waiter.start();
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 200);
                QueryTrace trace = waiter.trace();
                assertEquals(Optional.of("big"), trace.group());
                assertEquals(List.of(new OverflowStep("small", "big",
                        "waited 200ms in the queue of cluster group 'small' (overflowAfterSecs)")), trace.overflows());
            }
        }
        assertNothingHeld();
    }

    @Test
    void overflowCycleEndsWithQueueFull() throws Exception {
        // small -> big -> small, both full: the query is refused in big rather than going round.
        start(new GroupLimits(1, 0, Duration.ofSeconds(60)), Optional.empty(),
                new GroupLimits(1, 0, Duration.ofSeconds(60)), Optional.of(new Overflow("small", Optional.empty())));
        RunningQuery inSmall = submit("SELECT 1");
        inSmall.start();
        RunningQuery inBig = submit("SELECT 2");
        inBig.start();
        assertEquals(Optional.of("big"), inBig.trace().group());
        try (RunningQuery third = submit("SELECT 3")) {
            QueryException e = assertThrows(QueryException.class, third::start);
            assertEquals(ErrorCode.QUERY_QUEUE_FULL, e.code());
            assertTrue(e.getMessage().contains("'big'"), e.getMessage());
            assertEquals(1, third.trace().overflows().size());
        } finally {
            inSmall.close();
            inBig.close();
        }
        assertNothingHeld();
    }

    @Test
    void overflowToAMissingGroupIsRejectedAtConstruction() {
        ClusterGroup orphan = new ClusterGroup("orphan", List.of(new Cluster("d", duckDb, true, Integer.MAX_VALUE)),
                new GroupLimits(1, 1, Duration.ofSeconds(1)), new RoundRobinStrategy(), true,
                Optional.of(new Overflow("missing", Optional.empty())));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new QueryDispatcher(
                new RouterChain(List.of(), "orphan"), Map.of("orphan", orphan), QueryObserver.NONE));
        assertEquals("routing names unknown cluster group 'missing'", e.getMessage());
    }

    @Test
    void explainSaysAFullQueueWouldSpill() throws Exception {
        start(new GroupLimits(1, 0, Duration.ofSeconds(60)), Optional.empty(),
                new GroupLimits(1, 10, Duration.ofSeconds(60)), Optional.empty());
        try (RunningQuery holder = submit("SELECT 1")) {
            holder.start();
            RouteExplanation explanation = dispatcher.explain(new QueryRequest("SELECT 2",
                    ClientSession.of(Protocol.TRINO_HTTP, "x")));
            assertEquals(Optional.of("queue full (0 of 0 waiting): the query would spill to cluster group 'big'"),
                    explanation.admission());
        }
        assertNothingHeld();
    }
}
