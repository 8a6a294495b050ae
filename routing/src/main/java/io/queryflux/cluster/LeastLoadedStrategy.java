package io.queryflux.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the member with the lowest load, where load is its running queries divided by its own
 * {@code maxRunningQueries}; so a cluster of 8 slots takes four queries for every one a cluster
 * of 2 slots takes. A member without a cap counts as one slot (its load is its running count).
 * Ties go to the earlier member.
 */
public final class LeastLoadedStrategy implements SelectionStrategy {
    static final Comparator<Cluster> BY_LOAD = Comparator.comparingDouble(LeastLoadedStrategy::load);

    @Override
    public String type() {
        return "leastLoaded";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        return leastLoaded(candidates);
    }

    static Optional<Cluster> leastLoaded(List<Cluster> candidates) {
        // min() keeps the first of equal elements, which makes ties go to member order.
        return candidates.stream().min(BY_LOAD);
    }

    static double load(Cluster cluster) {
        int capacity = cluster.maxRunningQueries() == Integer.MAX_VALUE ? 1 : cluster.maxRunningQueries();
        return (double) cluster.runningQueries() / capacity;
    }
}
