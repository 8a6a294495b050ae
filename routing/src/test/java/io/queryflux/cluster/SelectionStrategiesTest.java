package io.queryflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.testing.TypedEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each strategy's documented semantics, through a group's admission so that caps and health apply. */
class SelectionStrategiesTest {
    private static final int NO_CAP = Integer.MAX_VALUE;
    private final List<Admission> held = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        held.forEach(Admission::close);
    }

    private static Cluster cluster(String name, EngineType type, int cap) {
        Cluster cluster = new Cluster(name, new TypedEngine(type), true, cap);
        cluster.setHealth(ClusterHealth.healthy());
        return cluster;
    }

    private static ClusterGroup group(SelectionStrategy strategy, Cluster... members) {
        return new ClusterGroup("g", List.of(members), new GroupLimits(100, 0, Duration.ZERO), strategy, true);
    }

    /** Admits a query and keeps it running; returns the chosen cluster's name. */
    private String admitAndHold(ClusterGroup group) throws Exception {
        Admission admission = group.admit();
        held.add(admission);
        return admission.cluster().name();
    }

    /** Admits a query that finishes at once; returns the chosen cluster's name. */
    private static String admitAndFinish(ClusterGroup group) throws Exception {
        try (Admission admission = group.admit()) {
            return admission.cluster().name();
        }
    }

    @Test
    void roundRobinRotatesOverEligibleMembers() throws Exception {
        Cluster a = cluster("a", EngineType.DUCKDB, NO_CAP);
        Cluster b = cluster("b", EngineType.DUCKDB, NO_CAP);
        Cluster c = cluster("c", EngineType.DUCKDB, NO_CAP);
        ClusterGroup group = group(new RoundRobinStrategy(), a, b, c);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(admitAndFinish(group), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 100, "b", 100, "c", 100), counts);

        b.setHealth(ClusterHealth.unhealthy("down"));
        c.setEnabled(false);
        for (int i = 0; i < 10; i++) {
            assertEquals("a", admitAndFinish(group));
        }
    }

    @Test
    void leastLoadedBalancesByRunningOverCapacity() throws Exception {
        Cluster small = cluster("small", EngineType.TRINO, 2);
        Cluster large = cluster("large", EngineType.TRINO, 6);
        ClusterGroup group = group(new LeastLoadedStrategy(), small, large);
        // Loads (running/cap) after each pick: small .5; large .17, .33, .5; tie -> small 1.0; large .67 .83 1.0
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picks.add(admitAndHold(group));
        }
        assertEquals(List.of("small", "large", "large", "large", "small", "large", "large", "large"), picks);
        assertEquals(2, small.runningQueries());
        assertEquals(6, large.runningQueries());
        // Both at their caps: the group has slots but no cluster can take more.
        QueryException full = assertThrows(QueryException.class, group::admit);
        assertEquals(ErrorCode.NO_NODES_AVAILABLE, full.code());
        assertTrue(full.getMessage().contains("small is at its limit of 2 queries"), full.getMessage());

        // A finished query on the large cluster makes it the least loaded again.
        Admission onLarge = held.stream().filter(h -> h.cluster() == large).findFirst().orElseThrow();
        held.remove(onLarge);
        onLarge.close();
        assertEquals("large", admitAndHold(group));
    }

    @Test
    void leastLoadedSkipsUnhealthyAndComparesUncappedByCount() throws Exception {
        Cluster a = cluster("a", EngineType.TRINO, NO_CAP);
        Cluster b = cluster("b", EngineType.TRINO, NO_CAP);
        ClusterGroup group = group(new LeastLoadedStrategy(), a, b);
        assertEquals(List.of("a", "b", "a", "b"),
                List.of(admitAndHold(group), admitAndHold(group), admitAndHold(group), admitAndHold(group)));
        a.setHealth(ClusterHealth.unhealthy("probe failed"));
        assertEquals(List.of("b", "b", "b"), List.of(admitAndHold(group), admitAndHold(group), admitAndHold(group)));
    }

    @Test
    void failoverUsesFirstEligibleAndReturnsWhenItRecovers() throws Exception {
        Cluster primary = cluster("primary", EngineType.POSTGRES, 2);
        Cluster secondary = cluster("secondary", EngineType.POSTGRES, NO_CAP);
        Cluster tertiary = cluster("tertiary", EngineType.POSTGRES, NO_CAP);
        ClusterGroup group = group(new FailoverStrategy(), primary, secondary, tertiary);
        for (int i = 0; i < 5; i++) {
            assertEquals("primary", admitAndFinish(group));
        }
        // At its cap, the primary is skipped.
        assertEquals("primary", admitAndHold(group));
        assertEquals("primary", admitAndHold(group));
        assertEquals("secondary", admitAndHold(group));
        held.forEach(Admission::close);
        held.clear();

        primary.setHealth(ClusterHealth.unhealthy("connection refused"));
        assertEquals("secondary", admitAndFinish(group));
        secondary.setEnabled(false);
        assertEquals("tertiary", admitAndFinish(group));
        primary.setHealth(ClusterHealth.healthy());
        assertEquals("primary", admitAndFinish(group));
    }

    @Test
    void engineAffinityPrefersEngineOrderThenLeastLoaded() throws Exception {
        Cluster duck = cluster("duck", EngineType.DUCKDB, NO_CAP);
        Cluster trino1 = cluster("trino1", EngineType.TRINO, 2);
        Cluster trino2 = cluster("trino2", EngineType.TRINO, 2);
        Cluster postgres = cluster("pg", EngineType.POSTGRES, NO_CAP);
        ClusterGroup group = group(new EngineAffinityStrategy(List.of(EngineType.TRINO, EngineType.DUCKDB)),
                duck, postgres, trino1, trino2);
        // Trino first, least loaded within it, until both Trino clusters are at their caps.
        assertEquals(List.of("trino1", "trino2", "trino1", "trino2", "duck"),
                List.of(admitAndHold(group), admitAndHold(group), admitAndHold(group), admitAndHold(group),
                        admitAndHold(group)));
        held.forEach(Admission::close);
        held.clear();

        trino1.setHealth(ClusterHealth.unhealthy("down"));
        assertEquals("trino2", admitAndFinish(group));
        trino2.setEnabled(false);
        assertEquals("duck", admitAndFinish(group));
        // An engine not in the preference list is the last resort.
        duck.setHealth(ClusterHealth.unhealthy("down"));
        assertEquals("pg", admitAndFinish(group));
    }

    @Test
    void weightedInterleavesSmoothly() {
        WeightedStrategy strategy = new WeightedStrategy(Map.of("a", 5, "b", 1, "c", 1));
        List<Cluster> members = List.of(cluster("a", EngineType.TRINO, NO_CAP), cluster("b", EngineType.TRINO, NO_CAP),
                cluster("c", EngineType.TRINO, NO_CAP));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(strategy.select(members).orElseThrow().name());
        }
        assertEquals(List.of("a", "a", "b", "a", "c", "a", "a"), picks);
    }

    @Test
    void weightedGivesEachMemberItsShareWithinOneOverAnyNumberOfPicks() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a", 7);
        weights.put("b", 3);
        weights.put("c", 2);
        weights.put("d", 1);
        WeightedStrategy strategy = new WeightedStrategy(weights);
        List<Cluster> members = weights.keySet().stream().map(n -> cluster(n, EngineType.TRINO, NO_CAP)).toList();
        int total = 13;
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= 13_000; n++) {
            counts.merge(strategy.select(members).orElseThrow().name(), 1, Integer::sum);
            for (Map.Entry<String, Integer> weight : weights.entrySet()) {
                double share = (double) n * weight.getValue() / total;
                int got = counts.getOrDefault(weight.getKey(), 0);
                assertTrue(Math.abs(got - share) <= 1.0,
                        "after " + n + " picks " + weight.getKey() + " has " + got + ", share " + share);
            }
        }
        assertEquals(Map.of("a", 7000, "b", 3000, "c", 2000, "d", 1000), counts);
    }

    @Test
    void weightedSkipsUnhealthyAndCappedMembers() throws Exception {
        Cluster a = cluster("a", EngineType.TRINO, NO_CAP);
        Cluster b = cluster("b", EngineType.TRINO, NO_CAP);
        Cluster c = cluster("c", EngineType.TRINO, 1);
        ClusterGroup group = group(new WeightedStrategy(Map.of("a", 3, "b", 2, "c", 5)), a, b, c);
        // c is at its cap for the whole run: a and b share 3:2.
        Admission hog = group.admit();
        assertEquals("c", hog.cluster().name());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            counts.merge(admitAndFinish(group), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 300, "b", 200), counts);
        hog.close();

        b.setHealth(ClusterHealth.unhealthy("down"));
        counts.clear();
        for (int i = 0; i < 800; i++) {
            counts.merge(admitAndFinish(group), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 300, "c", 500), counts);
    }

    @Test
    void weightsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedStrategy(Map.of("a", 0)));
        assertThrows(IllegalArgumentException.class, () -> new EngineAffinityStrategy(List.of()));
    }
}
