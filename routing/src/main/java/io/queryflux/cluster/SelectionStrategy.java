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
}
