package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Smooth weighted round-robin (the algorithm nginx uses): each pick adds every candidate's
 * weight to its running score, takes the highest score (earlier member on ties) and subtracts
 * the candidates' total weight from it. Over any run of picks with the same candidates each one
 * gets its exact share within one pick, and picks interleave (weights 5,1,1 give
 * a a b a c a a) rather than arriving in bursts. Members missing from the weights weigh 1. A
 * member that is not a candidate (unhealthy, disabled or at its cap) takes no part and its
 * score restarts at zero, so it does not receive a burst when it comes back.
 */
public final class WeightedStrategy implements SelectionStrategy {
    private final Map<String, Integer> weights;
    private final Map<String, Long> scores = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** @param weights weight per cluster name; each at least 1 */
    public WeightedStrategy(Map<String, Integer> weights) {
        this.weights = Map.copyOf(requireNonNull(weights, "weights is null"));
        this.weights.forEach((cluster, weight) -> {
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + cluster + " must be at least 1, not " + weight);
            }
        });
    }

    public Map<String, Integer> weights() {
        return weights;
    }

    @Override
    public String type() {
        return "weighted";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        lock.lock();
        try {
            return pick(candidates, scores);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Cluster> peek(List<Cluster> candidates) {
        lock.lock();
        try {
            return pick(candidates, new HashMap<>(scores));
        } finally {
            lock.unlock();
        }
    }

    /** One step of smooth weighted round-robin over the given scores, which it updates. */
    private Optional<Cluster> pick(List<Cluster> candidates, Map<String, Long> current) {
        current.keySet().retainAll(candidates.stream().map(Cluster::name).toList());
        long total = 0;
        Cluster best = null;
        long bestScore = Long.MIN_VALUE;
        for (Cluster candidate : candidates) {
            int weight = weightOf(candidate);
            total += weight;
            long score = current.merge(candidate.name(), (long) weight, Long::sum);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        current.put(best.name(), bestScore - total);
        return Optional.of(best);
    }

    private int weightOf(Cluster cluster) {
        return weights.getOrDefault(cluster.name(), 1);
    }
}
