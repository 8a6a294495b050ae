package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.CircuitBreaker;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.FailoverStrategy;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.RouterChain;
import io.queryflux.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose DuckDB goes away trips its breaker; queries fail over to the next member,
 * one probe goes back after the open time, and the cluster returns once it answers again.
 */
class CircuitBreakerDispatchTest {
    private static DuckDbEngine live;
    private static DuckDbEngine dead;

    @BeforeAll
    static void open() throws Exception {
        live = DuckDbEngine.open(Optional.empty());
        dead = DuckDbEngine.open(Optional.empty());
        dead.close(); // every prepare now fails with an external error
    }

    @AfterAll
    static void close() {
        live.close();
    }

    /** A cluster's engine that an operator "repairs" by switching it to a working database. */
    private static final class SwitchableEngine implements Engine {
        private volatile Engine current = dead;

        @Override
        public EngineType type() {
            return current.type();
        }

        @Override
        public QueryExecution prepare(EngineQuery query) throws QueryException {
            return current.prepare(query);
        }

        @Override
        public ClusterHealth checkHealth(Duration timeout) {
            return current.checkHealth(timeout);
        }

        @Override
        public void close() {}
    }

    @Test
    void breakerOpensFailsOverProbesAndRecovers() throws Exception {
        ManualClock clock = new ManualClock();
        SwitchableEngine flaky = new SwitchableEngine();
        Cluster primary = new Cluster("primary", flaky, true, Integer.MAX_VALUE, Optional.of(new CircuitBreaker(
                new CircuitBreaker.Settings(4, 2, 0.5, Duration.ofSeconds(30), Duration.ofMinutes(5)), clock)));
        Cluster backup = new Cluster("backup", live, true, Integer.MAX_VALUE);
        ClusterGroup group = new ClusterGroup("g", List.of(primary, backup), new GroupLimits(4, 4,
                Duration.ofSeconds(10)), new FailoverStrategy(), true);
        QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "g"), Map.of("g", group),
                QueryObserver.NONE);

        // Two external failures on the primary open its breaker.
        for (int i = 0; i < 2; i++) {
            try (RunningQuery query = dispatcher.submit(new QueryRequest("SELECT 1",
                    ClientSession.of(Protocol.TRINO_HTTP, "u")))) {
                QueryException e = assertThrows(QueryException.class, query::start);
                assertEquals(ErrorCode.EXTERNAL_ERROR, e.code());
                assertEquals(Optional.of("primary"), query.trace().cluster());
            }
        }
        assertEquals(CircuitBreaker.State.OPEN, primary.circuitState());
        assertTrue(dispatcher.explain(new QueryRequest("SELECT 1", ClientSession.of(Protocol.TRINO_HTTP, "u")))
                .clusterReason().orElseThrow().contains("picks backup"));
        assertEquals("backup", run(dispatcher));
        assertEquals("backup", run(dispatcher));

        // After the open time one probe goes to the primary; it fails, so the breaker reopens.
        clock.advance(Duration.ofSeconds(30));
        try (RunningQuery probe = dispatcher.submit(new QueryRequest("SELECT 1",
                ClientSession.of(Protocol.TRINO_HTTP, "u")))) {
            assertThrows(QueryException.class, probe::start);
            assertEquals(Optional.of("primary"), probe.trace().cluster());
        }
        assertEquals(CircuitBreaker.State.OPEN, primary.circuitState());
        assertEquals(Duration.ofSeconds(60), primary.circuitBreaker().orElseThrow().snapshot().backoff());
        assertEquals("backup", run(dispatcher));

        // Repaired: the next probe succeeds and the primary takes queries again.
        flaky.current = live;
        clock.advance(Duration.ofSeconds(60));
        assertEquals("primary", run(dispatcher));
        assertEquals(CircuitBreaker.State.CLOSED, primary.circuitState());
        assertEquals("primary", run(dispatcher));

        // A user's SQL error is the cluster working: it never opens the breaker.
        for (int i = 0; i < 6; i++) {
            try (RunningQuery query = dispatcher.submit(new QueryRequest("SELEC nonsense",
                    ClientSession.of(Protocol.TRINO_HTTP, "u")))) {
                assertEquals(ErrorCode.SYNTAX_ERROR, assertThrows(QueryException.class, query::start).code());
            }
        }
        assertEquals(CircuitBreaker.State.CLOSED, primary.circuitState());
        assertEquals(0, group.runningQueries());
        assertEquals(0, primary.runningQueries());
    }

    private static String run(QueryDispatcher dispatcher) throws QueryException {
        try (RunningQuery query = dispatcher.submit(new QueryRequest("SELECT 1",
                ClientSession.of(Protocol.TRINO_HTTP, "u")))) {
            ResultCursor cursor = query.start();
            assertTrue(cursor.next());
            return query.trace().cluster().orElseThrow();
        }
    }
}
