package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
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
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group queue against a real embedded DuckDB: the concurrency limit measured inside the
 * engine, FIFO admission, queue-full and wait-timeout errors, and that no slot, queue place or
 * connection leaks on any path (cancel while queued or running, clients that vanish mid-stream).
 */
class GroupQueueTest {
    private static final Duration PATIENT = Duration.ofSeconds(60);
    private static DuckDbEngine duckDb;

    private ProbedEngine engine;
    private ClusterGroup group;
    private QueryDispatcher dispatcher;
    private final ConcurrentLinkedQueue<FinishedQuery> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> rejected = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void openDatabase() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
    }

    @AfterAll
    static void closeDatabase() {
        duckDb.close();
    }

    private void startGroup(GroupLimits limits, Duration holdAfterRun) {
        engine = new ProbedEngine(duckDb, holdAfterRun);
        group = new ClusterGroup("default", List.of(new Cluster("duck", engine, true, Integer.MAX_VALUE)), limits,
                new RoundRobinStrategy(), true);
        dispatcher = new QueryDispatcher(new RouterChain(List.of(), "default"), Map.of("default", group),
                new QueryObserver() {
                    @Override
                    public void queueRejected(String groupName) {
                        rejected.add(groupName);
                    }

                    @Override
                    public void finished(FinishedQuery query) {
                        finished.add(query);
                    }
                });
    }

    /** After every test: nothing holds a slot, a queue place, a connection or a registry entry. */
    @AfterEach
    void nothingLeaked() throws Exception {
        if (group == null) {
            return;
        }
        assertEquals(0, group.runningQueries(), "group slots held");
        assertEquals(0, group.queuedQueries(), "queue places held");
        assertEquals(0, group.members().get(0).runningQueries(), "cluster count");
        assertEquals(0, engine.open(), "engine connections open");
        assertEquals(0, dispatcher.registry().size(), "queries still registered");
        // And the group still works.
        assertEquals(42, runToEnd("SELECT 42"));
    }

    private RunningQuery submit(String sql) {
        return dispatcher.submit(new QueryRequest(sql, ClientSession.of(Protocol.TRINO_HTTP, "tester")));
    }

    /** Runs a one-value query to the end, as a well-behaved client does. */
    private Object runToEnd(String sql) throws QueryException {
        try (RunningQuery query = submit(sql)) {
            ResultCursor cursor = query.start();
            assertTrue(cursor.next());
            Object value = cursor.value(0);
            assertTrue(!cursor.next());
            return value;
        }
    }

    /** Starts a query and keeps its slot until closed. */
    private RunningQuery holdSlot() throws QueryException {
        RunningQuery holder = submit("SELECT 1");
        holder.start();
        return holder;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    /** Waits until a thread is parked in the group's queue, not merely counted as queued. */
    private void awaitQueued(Thread thread, int queued) throws InterruptedException {
        await(() -> group.queuedQueries() == queued && thread.getState() == Thread.State.TIMED_WAITING,
                queued + " queued with " + thread + " parked");
    }

    @Test
    void fiftyConcurrentClientsAllCompleteAndNeverMoreThanTwoRun() throws Exception {
        // Each execution holds its connection 20 ms after DuckDB answers, so queries overlap.
        startGroup(new GroupLimits(2, 100, PATIENT), Duration.ofMillis(20));
        int clients = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                results.add(threads.submit(() -> {
                    go.await();
                    return runToEnd("SELECT count(*) + " + n + " FROM range(100000)");
                }));
            }
            go.countDown();
            for (int i = 0; i < clients; i++) {
                assertEquals(100_000L + i, results.get(i).get(60, TimeUnit.SECONDS), "client " + i);
            }
        }
        assertEquals(2, engine.maxRunning(), "most queries running at once inside the engine");
        assertEquals(clients, engine.startOrder().size());
        assertEquals(clients, finished.stream().filter(q -> q.status() == QueryStatus.SUCCEEDED).count());
    }

    @Test
    void queuedQueriesAreAdmittedInArrivalOrder() throws Exception {
        startGroup(new GroupLimits(2, 100, PATIENT), Duration.ZERO);
        RunningQuery first = holdSlot();
        RunningQuery second = holdSlot();
        int waiters = 20;
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < waiters; i++) {
            String sql = "SELECT " + i;
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    runToEnd(sql);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(thread);
            // The next client arrives only once this one is parked in the queue.
            awaitQueued(thread, i + 1);
        }
        engine.reset();
        // One slot frees; each waiter takes it in turn and gives it back, so admission order is
        // exactly the order of start in the engine.
        first.close();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        second.close();
        assertTrue(errors.isEmpty(), () -> errors.toString());
        assertEquals(IntStream.range(0, waiters).mapToObj(i -> "SELECT " + i).toList(), engine.startOrder());
    }

    @Test
    void fullQueueRefusesAtOnceWithClearError() throws Exception {
        startGroup(new GroupLimits(1, 2, PATIENT), Duration.ZERO);
        RunningQuery holder = holdSlot();
        List<Thread> waiters = new ArrayList<>();
        ConcurrentLinkedQueue<Object> answers = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 2; i++) {
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    answers.add(runToEnd("SELECT 7"));
                } catch (QueryException e) {
                    answers.add(e);
                }
            });
            waiters.add(thread);
            awaitQueued(thread, i + 1);
        }

        long start = System.nanoTime();
        RunningQuery third = submit("SELECT 8");
        QueryException e = assertThrows(QueryException.class, third::start);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        third.close();

        assertEquals(ErrorCode.QUERY_QUEUE_FULL, e.code());
        assertEquals("Too many queued queries for cluster group 'default': 2 already waiting for 1 running slots",
                e.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "refused at once, not after a wait: " + took);
        assertEquals(List.of("default"), List.copyOf(rejected));
        assertEquals(QueryState.FAILED, third.state());
        assertEquals(Optional.of(e.getMessage()), third.trace().error());

        holder.close();
        for (Thread thread : waiters) {
            thread.join(Duration.ofSeconds(30));
        }
        assertEquals(List.of(7, 7), List.copyOf(answers));
    }

    @Test
    void waitTimeoutFailsWithClearError() throws Exception {
        startGroup(new GroupLimits(1, 10, Duration.ofMillis(300)), Duration.ZERO);
        RunningQuery holder = holdSlot();
        try {
            long start = System.nanoTime();
            try (RunningQuery waiter = submit("SELECT 2")) {
                QueryException e = assertThrows(QueryException.class, waiter::start);
                assertEquals(ErrorCode.EXCEEDED_TIME_LIMIT, e.code());
                assertEquals("Query waited 300ms in the queue of cluster group 'default' without a free slot "
                        + "(capacityWaitTimeoutSecs)", e.getMessage());
                assertEquals(QueryState.FAILED, waiter.state());
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
            assertEquals(1, group.runningQueries(), "the holder keeps its slot");
        } finally {
            holder.close();
        }
    }

    @Test
    void cancelWhileQueuedLeavesTheQueue() throws Exception {
        startGroup(new GroupLimits(1, 10, PATIENT), Duration.ZERO);
        RunningQuery holder = holdSlot();
        RunningQuery waiter = submit("SELECT 3");
        ConcurrentLinkedQueue<QueryException> errors = new ConcurrentLinkedQueue<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                waiter.start();
            } catch (QueryException e) {
                errors.add(e);
            } finally {
                waiter.close();
            }
        });
        awaitQueued(thread, 1);
        waiter.cancel();
        thread.join(Duration.ofSeconds(10));
        assertEquals(ErrorCode.USER_CANCELED, errors.remove().code());
        assertEquals(QueryState.CANCELED, waiter.state());
        assertEquals(0, group.queuedQueries());
        assertEquals(1, group.runningQueries());
        holder.close();
        assertEquals(QueryStatus.CANCELLED, finished.stream().filter(q -> q.queryId().equals(waiter.id()))
                .findFirst().orElseThrow().status());
    }

    @Test
    void closeFromAnotherThreadWhileQueuedLeaksNothing() throws Exception {
        // A frontend may notice a disconnect on another thread and close the query while the
        // thread that started it still waits in the queue.
        startGroup(new GroupLimits(1, 10, PATIENT), Duration.ZERO);
        RunningQuery holder = holdSlot();
        RunningQuery waiter = submit("SELECT 4");
        ConcurrentLinkedQueue<QueryException> errors = new ConcurrentLinkedQueue<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                waiter.start();
            } catch (QueryException e) {
                errors.add(e);
            }
        });
        awaitQueued(thread, 1);
        waiter.close();
        thread.join(Duration.ofSeconds(10));
        assertEquals(ErrorCode.USER_CANCELED, errors.remove().code());
        holder.close();
    }

    @Test
    void cancelWhileEngineRuns() throws Exception {
        startGroup(new GroupLimits(2, 10, PATIENT), Duration.ZERO);
        // Long enough in DuckDB (tens of seconds) that the cancel lands while it runs.
        RunningQuery query = submit("SELECT sum(i * i) FROM range(20000000000) t(i)");
        ConcurrentLinkedQueue<QueryException> errors = new ConcurrentLinkedQueue<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                query.start();
            } catch (QueryException e) {
                errors.add(e);
            } finally {
                query.close();
            }
        });
        await(() -> engine.running() == 1, "the query runs in DuckDB");
        Thread.sleep(100);
        long start = System.nanoTime();
        query.cancel();
        thread.join(Duration.ofSeconds(20));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "cancel took effect");
        assertEquals(ErrorCode.USER_CANCELED, errors.remove().code());
        assertEquals(QueryState.CANCELED, query.state());
    }

    @Test
    void cancelWhileStreaming() throws Exception {
        startGroup(new GroupLimits(2, 10, PATIENT), Duration.ZERO);
        try (RunningQuery query = submit("SELECT i FROM range(100000000) t(i)")) {
            ResultCursor cursor = query.start();
            for (int i = 0; i < 10; i++) {
                assertTrue(cursor.next());
            }
            Thread.ofVirtual().start(query::cancel).join();
            QueryException e = assertThrows(QueryException.class, () -> {
                for (long rows = 0; rows < 100_000_000L; rows++) {
                    if (!cursor.next()) {
                        break;
                    }
                }
            });
            assertEquals(ErrorCode.USER_CANCELED, e.code());
        }
    }

    @Test
    void statementWithoutRowsSucceedsWhenClosedWithoutReading() throws Exception {
        startGroup(new GroupLimits(2, 10, PATIENT), Duration.ZERO);
        RunningQuery query = submit("CREATE OR REPLACE TABLE no_rows AS SELECT 1 AS x");
        assertTrue(query.start().columns().isEmpty());
        query.close();
        assertEquals(QueryStatus.SUCCEEDED, finished.stream().filter(q -> q.queryId().equals(query.id()))
                .findFirst().orElseThrow().status());
        assertTrue(!query.isCancelled());
    }

    @Test
    void clientsThatVanishMidStreamLeakNothing() throws Exception {
        startGroup(new GroupLimits(2, 100, PATIENT), Duration.ZERO);
        int clients = 30;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> reads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                reads.add(threads.submit(() -> {
                    // Reads a few rows of a large result, then drops the query as a dead socket would.
                    RunningQuery query = submit("SELECT i FROM range(50000000) t(i)");
                    try {
                        ResultCursor cursor = query.start();
                        long first = 0;
                        for (int row = 0; row < 5; row++) {
                            cursor.next();
                            first = (Long) cursor.value(0);
                        }
                        return first;
                    } finally {
                        query.close();
                    }
                }));
            }
            for (Future<Long> read : reads) {
                assertEquals(4L, read.get(60, TimeUnit.SECONDS));
            }
        }
        assertEquals(clients, finished.stream().filter(q -> q.status() == QueryStatus.CANCELLED).count());
        assertEquals(2, engine.maxRunning());
    }
}
