package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The cluster a group would run a query on now, and why (or why none).
 *
 * @param cluster the chosen cluster's name; empty when no member can take the query
 * @param engineType the chosen cluster's engine, by its config name
 * @param reason the strategy's choice or the reason no member qualifies
 */
public record ClusterPick(Optional<String> cluster, Optional<String> engineType, String reason) {
    public ClusterPick {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(engineType, "engineType is null");
        requireNonNull(reason, "reason is null");
    }

    static ClusterPick of(Cluster cluster, String reason) {
        return new ClusterPick(Optional.of(cluster.name()), Optional.of(cluster.engine().type().configName()), reason);
    }

    static ClusterPick none(String reason) {
        return new ClusterPick(Optional.empty(), Optional.empty(), reason);
    }
}
