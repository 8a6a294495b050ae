package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.cluster.WeightedStrategy;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.QueryRegexRouter;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.RouterOutcome.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Route explain tells where a query would go, matches where it then goes, and changes nothing. */
class RouteExplainTest {
    private static DuckDbEngine duckDb;
    private static Cluster duck1;
    private static Cluster duck2;
    private static Cluster heavy;
    private static Cluster light;
    private static ClusterGroup rotating;
    private static ClusterGroup weighted;
    private static QueryDispatcher dispatcher;

    @BeforeAll
    static void start() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
        duck1 = new Cluster("duck1", duckDb, true, Integer.MAX_VALUE);
        duck2 = new Cluster("duck2", duckDb, true, Integer.MAX_VALUE);
        heavy = new Cluster("heavy", duckDb, true, Integer.MAX_VALUE);
        light = new Cluster("light", duckDb, true, Integer.MAX_VALUE);
        rotating = new ClusterGroup("rotating", List.of(duck1, duck2), new GroupLimits(1, 1, Duration.ofSeconds(30)),
                new RoundRobinStrategy(), true);
        weighted = new ClusterGroup("weighted", List.of(heavy, light), new GroupLimits(4, 4, Duration.ofSeconds(30)),
                new WeightedStrategy(Map.of("heavy", 2, "light", 1)), true);
        RouterChain chain = new RouterChain(List.of(
                new QueryRegexRouter(List.of(new QueryRegexRouter.Rule(Pattern.compile("(?i)^\\s*drop"),
                        QueryRegexRouter.Action.DENY, Optional.empty(), Optional.of("no DROP here")))),
                new HeaderRouter("x-pool", Map.of("weighted", "weighted"))), "rotating");
        dispatcher = new QueryDispatcher(chain, Map.of("rotating", rotating, "weighted", weighted),
                QueryObserver.NONE);
    }

    @AfterAll
    static void stop() {
        duckDb.close();
    }

    @AfterEach
    void nothingTaken() {
        duck1.setHealth(ClusterHealth.healthy());
        duck2.setHealth(ClusterHealth.healthy());
        assertEquals(0, rotating.runningQueries());
        assertEquals(0, rotating.queuedQueries());
        assertEquals(0, weighted.runningQueries());
        assertEquals(0, dispatcher.registry().size());
    }

    private static QueryRequest request(String sql, Map<String, String> headers) {
        return new QueryRequest(sql, new ClientSession(Protocol.MYSQL_WIRE, "frank", Optional.empty(),
                Optional.empty(), Optional.empty(), headers, Set.of(), Map.of()));
    }

    private static String runOn(QueryRequest request) throws Exception {
        try (RunningQuery query = dispatcher.submit(request)) {
            query.start();
            return query.trace().cluster().orElseThrow();
        }
    }

    @Test
    void explainsTheClusterTheQueryThenRunsOn() throws Exception {
        QueryRequest request = request("SELECT 1", Map.of());
        RouteExplanation first = dispatcher.explain(request);
        assertEquals(Optional.of("rotating"), first.group());
        assertTrue(first.fallbackUsed());
        assertEquals(List.of(Decision.PASS, Decision.PASS),
                first.routers().stream().map(s -> s.outcome().decision()).toList());
        assertEquals("header x-pool absent", first.routers().get(1).outcome().reason());
        assertEquals(Optional.of("duckDb"), first.engineType());
        assertEquals(Optional.of("a slot is free (0 of 1 running)"), first.admission());
        assertTrue(first.clusterReason().orElseThrow().startsWith("roundRobin picks "), first.clusterReason().get());

        // Explaining again does not move the rotation; running does, and lands where explained.
        assertEquals(first.cluster(), dispatcher.explain(request).cluster());
        assertEquals(first.cluster().orElseThrow(), runOn(request));
        RouteExplanation next = dispatcher.explain(request);
        assertFalse(first.cluster().equals(next.cluster()), "the rotation moved on after a real query");
        assertEquals(next.cluster().orElseThrow(), runOn(request));
    }

    @Test
    void weightedExplainDoesNotConsumeAPick() throws Exception {
        QueryRequest request = request("SELECT 1", Map.of("x-pool", "weighted"));
        for (int i = 0; i < 6; i++) {
            String explained = dispatcher.explain(request).cluster().orElseThrow();
            assertEquals(explained, dispatcher.explain(request).cluster().orElseThrow());
            assertEquals(explained, runOn(request));
        }
    }

    @Test
    void explainsADenial() {
        RouteExplanation explanation = dispatcher.explain(request("DROP TABLE t", Map.of("x-pool", "weighted")));
        assertEquals(Optional.of("no DROP here"), explanation.denial());
        assertEquals(Optional.empty(), explanation.group());
        assertEquals(Optional.empty(), explanation.cluster());
        assertEquals(1, explanation.routers().size());
    }

    @Test
    void explainsSessionStatementsAnsweredByTheProxy() {
        RouteExplanation explanation = dispatcher.explain(request("USE memory.default", Map.of()));
        assertTrue(explanation.handledInProxy().isPresent());
        assertEquals(Optional.empty(), explanation.group());
        assertTrue(explanation.routers().isEmpty());
    }

    @Test
    void explainsWhyNoClusterQualifies() {
        duck1.setHealth(ClusterHealth.unhealthy("connection refused"));
        duck2.setEnabled(false);
        try {
            RouteExplanation explanation = dispatcher.explain(request("SELECT 1", Map.of()));
            assertEquals(Optional.of("rotating"), explanation.group());
            assertEquals(Optional.empty(), explanation.cluster());
            assertEquals(Optional.of("No cluster of group 'rotating' can take the query: duck1 is unhealthy "
                    + "(connection refused); duck2 is disabled"), explanation.clusterReason());
        } finally {
            duck2.setEnabled(true);
        }
    }

    @Test
    void explainsQueueingAndAFullQueue() throws Exception {
        RunningQuery holder = dispatcher.submit(request("SELECT 1", Map.of()));
        holder.start();
        try {
            assertEquals(Optional.of("would queue behind 0 waiting (1 of 1 running)"),
                    dispatcher.explain(request("SELECT 2", Map.of())).admission());
            RunningQuery waiter = dispatcher.submit(request("SELECT 3", Map.of()));
            Thread thread = Thread.ofVirtual().start(() -> {
                try (waiter) {
                    waiter.start();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            while (rotating.queuedQueries() == 0) {
                Thread.sleep(2);
            }
            assertEquals(Optional.of("queue full (1 of 1 waiting): the query would be refused"),
                    dispatcher.explain(request("SELECT 4", Map.of())).admission());
            holder.close();
            thread.join(Duration.ofSeconds(10));
        } finally {
            holder.close();
        }
    }
}
