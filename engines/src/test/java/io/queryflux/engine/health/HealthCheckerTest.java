package io.queryflux.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.HealthState;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.duckdb.DuckDbEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
    /** An engine whose health check does what the test says. */
    private record ProbeEngine(Function<Duration, ClusterHealth> probe) implements Engine {
        @Override
        public EngineType type() {
            return EngineType.DUCKDB;
        }

        @Override
        public QueryExecution prepare(EngineQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterHealth checkHealth(Duration timeout) {
            return probe.apply(timeout);
        }

        @Override
        public void close() {}
    }

    private static ClusterHealth next(BlockingQueue<ClusterHealth> reports) throws InterruptedException {
        ClusterHealth health = reports.poll(10, TimeUnit.SECONDS);
        assertTrue(health != null, "no health report");
        return health;
    }

    @Test
    void reportsEachEngineToItsOwnSinkEveryInterval() throws Exception {
        BlockingQueue<ClusterHealth> duckReports = new LinkedBlockingQueue<>();
        BlockingQueue<ClusterHealth> flakyReports = new LinkedBlockingQueue<>();
        AtomicInteger flakyCalls = new AtomicInteger();
        try (DuckDbEngine duckDb = DuckDbEngine.open(Optional.empty());
                HealthChecker checker = new HealthChecker(Duration.ofMillis(50), Duration.ofSeconds(1))) {
            checker.register("duck", duckDb, duckReports::add);
            checker.register("flaky", new ProbeEngine(t -> flakyCalls.incrementAndGet() % 2 == 1
                    ? ClusterHealth.healthy()
                    : ClusterHealth.unhealthy("port closed")), flakyReports::add);
            checker.start();
            assertEquals(HealthState.HEALTHY, next(duckReports).state());
            assertEquals(HealthState.HEALTHY, next(duckReports).state(), "checked again after the interval");
            assertEquals(HealthState.HEALTHY, next(flakyReports).state());
            ClusterHealth down = next(flakyReports);
            assertEquals(HealthState.UNHEALTHY, down.state());
            assertEquals("port closed", down.reason());
        }
    }

    @Test
    void aProbeThatHangsIsUnhealthyAndNotStartedTwice() throws Exception {
        BlockingQueue<ClusterHealth> reports = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (HealthChecker checker = new HealthChecker(Duration.ofMillis(20), Duration.ofMillis(100))) {
            checker.register("stuck", new ProbeEngine(t -> {
                calls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ClusterHealth.healthy();
            }), reports::add);
            checker.start();
            ClusterHealth health = next(reports);
            assertEquals(HealthState.UNHEALTHY, health.state());
            assertTrue(health.reason().contains("did not answer within"), health.reason());
            Thread.sleep(200);
            assertEquals(1, calls.get(), "no second probe while the first hangs");
            release.countDown();
            assertEquals(HealthState.HEALTHY, next(reports).state(), "probed again once the hung probe ended");
        }
    }

    @Test
    void aProbeThatThrowsIsUnhealthy() throws Exception {
        BlockingQueue<ClusterHealth> reports = new LinkedBlockingQueue<>();
        try (HealthChecker checker = new HealthChecker(Duration.ofMillis(50), Duration.ofSeconds(1))) {
            checker.register("broken", new ProbeEngine(t -> {
                throw new IllegalStateException("driver bug");
            }), reports::add);
            checker.start();
            ClusterHealth health = next(reports);
            assertEquals(HealthState.UNHEALTHY, health.state());
            assertTrue(health.reason().contains("driver bug"), health.reason());
        }
    }

    @Test
    void closeStopsTheRounds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HealthChecker checker = new HealthChecker(Duration.ofMillis(10), Duration.ofSeconds(1));
        checker.register("counted", new ProbeEngine(t -> {
            calls.incrementAndGet();
            return ClusterHealth.healthy();
        }), h -> { });
        checker.start();
        Thread.sleep(100);
        checker.close();
        Thread.sleep(50); // a probe submitted just before close may still be finishing
        int afterClose = calls.get();
        assertTrue(afterClose > 0);
        Thread.sleep(100);
        assertEquals(afterClose, calls.get());
    }
}
