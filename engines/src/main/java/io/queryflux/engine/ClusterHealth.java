package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The outcome of a health check, with a reason an operator can act on. */
public record ClusterHealth(HealthState state, String reason, Instant checkedAt) {
    public ClusterHealth {
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(checkedAt, "checkedAt is null");
    }

    public static ClusterHealth starting() {
        return new ClusterHealth(HealthState.STARTING, "not checked yet", Instant.now());
    }

    public static ClusterHealth healthy() {
        return new ClusterHealth(HealthState.HEALTHY, "ok", Instant.now());
    }

    public static ClusterHealth unhealthy(String reason) {
        return new ClusterHealth(HealthState.UNHEALTHY, reason, Instant.now());
    }

    public boolean isHealthy() {
        return state == HealthState.HEALTHY;
    }
}
