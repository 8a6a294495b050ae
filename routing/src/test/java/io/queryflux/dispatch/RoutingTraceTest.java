package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.QueryRegexRouter;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.RouterOutcome.Decision;
import io.queryflux.routing.RouterStep;
import io.queryflux.routing.RoutingDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing trace of real queries on embedded DuckDB: routers, group, cluster, queue wait, denial. */
class RoutingTraceTest {
    private static DuckDbEngine duckDb;
    private static ClusterGroup fast;
    private static ClusterGroup fallback;
    private static QueryDispatcher dispatcher;
    private static final List<RoutingDecision> routed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
        fast = new ClusterGroup("fast", List.of(new Cluster("duck-fast", duckDb, true, Integer.MAX_VALUE)),
                new GroupLimits(1, 10, Duration.ofSeconds(30)), new RoundRobinStrategy(), true);
        fallback = new ClusterGroup("general", List.of(new Cluster("duck-general", duckDb, true, Integer.MAX_VALUE)),
                new GroupLimits(4, 10, Duration.ofSeconds(30)), new RoundRobinStrategy(), true);
        RouterChain chain = new RouterChain(List.of(
                new QueryRegexRouter(List.of(new QueryRegexRouter.Rule(Pattern.compile("(?i)\\bpg_sleep\\b"),
                        QueryRegexRouter.Action.DENY, Optional.empty(), Optional.empty()))),
                new HeaderRouter("x-lane", Map.of("fast", "fast"))), "general");
        dispatcher = new QueryDispatcher(chain, Map.of("fast", fast, "general", fallback), new QueryObserver() {
            @Override
            public void routed(RoutingDecision decision, Duration latency) {
                routed.add(decision);
                assertTrue(!latency.isNegative() && latency.toSeconds() < 5, latency.toString());
            }
        });
    }

    @AfterAll
    static void stop() {
        duckDb.close();
    }

    private static QueryRequest request(String sql, Map<String, String> headers) {
        return new QueryRequest(sql, new ClientSession(Protocol.POSTGRES_WIRE, "erin", Optional.empty(),
                Optional.empty(), Optional.empty(), headers, Set.of(), Map.of()));
    }

    @Test
    void routedQueryTraceNamesEveryRouterGroupClusterAndWait() throws Exception {
        try (RunningQuery query = dispatcher.submit(request("SELECT 5", Map.of("X-Lane", "fast")))) {
            ResultCursor cursor = query.start();
            assertTrue(cursor.next());
            assertEquals(5, cursor.value(0));
            assertFalse(cursor.next());
            QueryTrace trace = query.trace();
            assertEquals(QueryState.FINISHED, trace.state());
            assertEquals(Protocol.POSTGRES_WIRE, trace.protocol());
            assertEquals("erin", trace.user());
            List<RouterStep> steps = trace.routers();
            assertEquals(2, steps.size());
            assertEquals("queryRegex", steps.get(0).type());
            assertEquals(Decision.PASS, steps.get(0).outcome().decision());
            assertEquals("no rule matched", steps.get(0).outcome().reason());
            assertEquals("header", steps.get(1).type());
            assertEquals(Decision.ROUTE, steps.get(1).outcome().decision());
            assertEquals("header x-lane='fast'", steps.get(1).outcome().reason());
            assertEquals(Optional.of("fast"), trace.group());
            assertFalse(trace.fallbackUsed());
            assertEquals(Optional.of("duck-fast"), trace.cluster());
            assertEquals(Optional.of("duckDb"), trace.engineType());
            assertTrue(trace.queueWait().isPresent());
            assertEquals(Optional.empty(), trace.denial());
            assertEquals(Optional.empty(), trace.error());
        }
    }

    @Test
    void queueWaitIsRecorded() throws Exception {
        RunningQuery holder = dispatcher.submit(request("SELECT 1", Map.of("x-lane", "fast")));
        holder.start();
        RunningQuery waiter = dispatcher.submit(request("SELECT 2", Map.of("x-lane", "fast")));
        Thread thread = Thread.ofVirtual().start(() -> {
            try (waiter) {
                ResultCursor cursor = waiter.start();
                while (cursor.next()) {
                    // drain
                }
            } catch (QueryException e) {
                throw new AssertionError(e);
            }
        });
        while (fast.queuedQueries() == 0) {
            Thread.sleep(2);
        }
        Thread.sleep(200);
        holder.close();
        thread.join(Duration.ofSeconds(10));
        Duration wait = waiter.trace().queueWait().orElseThrow();
        assertTrue(wait.toMillis() >= 200, "waited " + wait);
        assertEquals(0, fast.runningQueries());
    }

    @Test
    void fallbackIsMarked() throws Exception {
        try (RunningQuery query = dispatcher.submit(request("SELECT 6", Map.of()))) {
            query.start();
            QueryTrace trace = query.trace();
            assertTrue(trace.fallbackUsed());
            assertEquals(Optional.of("general"), trace.group());
            assertEquals(Optional.of("duck-general"), trace.cluster());
            assertEquals("header x-lane absent", trace.routers().get(1).outcome().reason());
        }
    }

    @Test
    void deniedQueryFailsWithQueryRejectedAndTraceRecordsIt() {
        RunningQuery query = dispatcher.submit(request("SELECT pg_sleep(10)", Map.of("x-lane", "fast")));
        QueryException e = assertThrows(QueryException.class, query::start);
        query.close();
        assertEquals(ErrorCode.QUERY_REJECTED, e.code());
        assertTrue(e.getMessage().contains("pg_sleep"), e.getMessage());
        QueryTrace trace = query.trace();
        assertEquals(QueryState.FAILED, trace.state());
        assertEquals(Optional.of(e.getMessage()), trace.denial());
        assertEquals(1, trace.routers().size());
        assertEquals(Decision.DENY, trace.routers().get(0).outcome().decision());
        assertEquals(Optional.empty(), trace.group());
        assertEquals(Optional.empty(), trace.cluster());
        assertEquals(0, fast.runningQueries());
        assertEquals(0, fallback.runningQueries());
        assertEquals(0, dispatcher.registry().size());
    }

    @Test
    void observerHearsEachRoutingDecisionButNotExplains() throws Exception {
        routed.clear();
        dispatcher.explain(request("SELECT 1", Map.of("x-lane", "fast")));
        assertEquals(List.of(), routed);
        try (RunningQuery query = dispatcher.submit(request("SELECT 1", Map.of("x-lane", "fast")))) {
            query.start();
        }
        try (RunningQuery query = dispatcher.submit(request("SELECT pg_sleep(1)", Map.of()))) {
            assertThrows(QueryException.class, query::start);
        }
        assertEquals(2, routed.size());
        assertEquals(Optional.of("fast"), routed.get(0).group());
        assertEquals("header", routed.get(0).steps().get(routed.get(0).steps().size() - 1).type());
        assertTrue(routed.get(1).denial().isPresent());
    }
}
