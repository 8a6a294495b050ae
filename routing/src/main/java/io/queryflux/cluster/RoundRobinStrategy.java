package io.queryflux.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Rotates over the eligible members; the default strategy. */
public final class RoundRobinStrategy implements SelectionStrategy {
    private final AtomicLong next = new AtomicLong();

    @Override
    public String type() {
        return "roundRobin";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        return Optional.of(candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size())));
    }

    @Override
    public Optional<Cluster> peek(List<Cluster> candidates) {
        return Optional.of(candidates.get((int) Math.floorMod(next.get(), (long) candidates.size())));
    }
}
