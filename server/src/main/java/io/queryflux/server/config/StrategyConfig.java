package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.EngineAffinityStrategy;
import io.queryflux.cluster.FailoverStrategy;
import io.queryflux.cluster.LeastLoadedStrategy;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.cluster.SelectionStrategy;
import io.queryflux.cluster.WeightedStrategy;
import io.queryflux.engine.EngineType;
import io.queryflux.routing.python.PythonStrategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group's {@code strategy} section. Strategies keep state (rotation, weights), so each group
 * gets its own instance from {@link #create()}.
 *
 * @param weights for {@code weighted}: cluster name to weight
 * @param preference for {@code engineAffinity}: engines in order of preference
 * @param python for {@code pythonScript}: the group's loaded strategy
 */
public record StrategyConfig(String type, Map<String, Integer> weights, List<EngineType> preference,
        Optional<PythonStrategy> python) {
    static final List<String> TYPES = List.of("roundRobin", "leastLoaded", "failover", "engineAffinity", "weighted",
            "pythonScript");

    public StrategyConfig {
        requireNonNull(type, "type is null");
        weights = Map.copyOf(requireNonNull(weights, "weights is null"));
        preference = List.copyOf(requireNonNull(preference, "preference is null"));
        requireNonNull(python, "python is null");
    }

    static StrategyConfig roundRobin() {
        return new StrategyConfig("roundRobin", Map.of(), List.of(), Optional.empty());
    }

    /** A fresh strategy; a group's Python strategy is the one loaded with the config. */
    public SelectionStrategy create() {
        return switch (type) {
            case "roundRobin" -> new RoundRobinStrategy();
            case "leastLoaded" -> new LeastLoadedStrategy();
            case "failover" -> new FailoverStrategy();
            case "engineAffinity" -> new EngineAffinityStrategy(preference);
            case "weighted" -> new WeightedStrategy(weights);
            case "pythonScript" -> python.orElseThrow();
            default -> throw new IllegalStateException("unknown strategy " + type);
        };
    }
}
