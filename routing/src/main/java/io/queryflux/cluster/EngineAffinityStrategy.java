package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineType;
import java.util.List;
import java.util.Optional;

/**
 * Prefers engines in the configured order: picks among the eligible members of the first
 * preferred engine type that has any, the least loaded of them ({@link LeastLoadedStrategy}'s
 * load). Members of an engine type not in the list are used only when no preferred one is
 * eligible, again least loaded first.
 */
public final class EngineAffinityStrategy implements SelectionStrategy {
    private final List<EngineType> preference;

    public EngineAffinityStrategy(List<EngineType> preference) {
        this.preference = List.copyOf(requireNonNull(preference, "preference is null"));
        if (preference.isEmpty()) {
            throw new IllegalArgumentException("engineAffinity needs at least one preferred engine");
        }
    }

    public List<EngineType> preference() {
        return preference;
    }

    @Override
    public String type() {
        return "engineAffinity";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        for (EngineType engine : preference) {
            Optional<Cluster> chosen = LeastLoadedStrategy.leastLoaded(
                    candidates.stream().filter(c -> c.engine().type() == engine).toList());
            if (chosen.isPresent()) {
                return chosen;
            }
        }
        return LeastLoadedStrategy.leastLoaded(
                candidates.stream().filter(c -> !preference.contains(c.engine().type())).toList());
    }
}
