package io.queryflux.cluster;

import java.util.List;
import java.util.Optional;

/** Picks the cluster of a group that runs a query. Implementations are thread-safe. */
public interface SelectionStrategy {
    /** The config {@code strategy.type}, e.g. {@code roundRobin}. */
    String type();

    /**
     * Picks one of the candidates, which are the group's eligible members in member order (never
     * empty). Empty means none is acceptable.
     */
    Optional<Cluster> select(List<Cluster> candidates);

    /**
     * What {@link #select} would pick now, without moving the strategy on (route explain). The
     * default calls {@code select}, which is right for strategies without state; a strategy with
     * state (a rotation, scores) overrides this to leave it untouched.
     */
    default Optional<Cluster> peek(List<Cluster> candidates) {
        return select(candidates);
    }
}
