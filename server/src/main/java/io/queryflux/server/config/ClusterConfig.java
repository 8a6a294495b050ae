package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.CircuitBreaker;
import io.queryflux.engine.EngineType;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster as configured; the engine is created from it at start-up.
 *
 * @param maxRunningQueries the cluster's own cap, {@link Integer#MAX_VALUE} when unset
 * @param settings the engine-specific settings, flattened ({@code auth.username})
 * @param circuitBreaker when set, failures over a window keep queries off the cluster for a while
 */
public record ClusterConfig(String name, EngineType engine, boolean enabled, int maxRunningQueries,
        Map<String, String> settings, Optional<CircuitBreaker.Settings> circuitBreaker) {
    public ClusterConfig {
        requireNonNull(circuitBreaker, "circuitBreaker is null");
        requireNonNull(name, "name is null");
        requireNonNull(engine, "engine is null");
        settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }
}
