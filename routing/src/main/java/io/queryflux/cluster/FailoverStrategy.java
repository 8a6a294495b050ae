package io.queryflux.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Sends every query to the first eligible member in member order: the primary while it is
 * enabled, healthy and under its cap, else the next. Queries go back to the primary as soon as
 * its health check passes again.
 */
public final class FailoverStrategy implements SelectionStrategy {
    @Override
    public String type() {
        return "failover";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        return candidates.stream().findFirst();
    }
}
