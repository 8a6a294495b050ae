package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.HealthState;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend at run time: its engine, whether it is enabled, its last health, and how many of
 * the proxy's queries run on it now.
 */
public final class Cluster {
    private final String name;
    private final Engine engine;
    private final int maxRunningQueries;
    private final AtomicInteger running = new AtomicInteger();
    private final Optional<CircuitBreaker> circuitBreaker;
    private volatile boolean enabled;
    private volatile ClusterHealth health = ClusterHealth.starting();

    /**
     * @param maxRunningQueries this cluster's own cap, {@link Integer#MAX_VALUE} for none
     */
    public Cluster(String name, Engine engine, boolean enabled, int maxRunningQueries) {
        this(name, engine, enabled, maxRunningQueries, Optional.empty());
    }

    /**
     * @param maxRunningQueries this cluster's own cap, {@link Integer#MAX_VALUE} for none
     * @param circuitBreaker the breaker that keeps queries off the cluster while it fails
     */
    public Cluster(String name, Engine engine, boolean enabled, int maxRunningQueries,
            Optional<CircuitBreaker> circuitBreaker) {
        this.circuitBreaker = requireNonNull(circuitBreaker, "circuitBreaker is null");
        this.name = requireNonNull(name, "name is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.enabled = enabled;
        if (maxRunningQueries < 1) {
            throw new IllegalArgumentException("maxRunningQueries must be at least 1");
        }
        this.maxRunningQueries = maxRunningQueries;
    }

    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public ClusterHealth health() {
        return health;
    }

    public void setHealth(ClusterHealth health) {
        this.health = requireNonNull(health, "health is null");
    }

    public int runningQueries() {
        return running.get();
    }

    public int maxRunningQueries() {
        return maxRunningQueries;
    }

    public Optional<CircuitBreaker> circuitBreaker() {
        return circuitBreaker;
    }

    /** The breaker's state; {@code CLOSED} for a cluster without a breaker. */
    public CircuitBreaker.State circuitState() {
        return circuitBreaker.map(CircuitBreaker::state).orElse(CircuitBreaker.State.CLOSED);
    }

    /** Enabled, not known to be unhealthy, under its own cap, and its circuit breaker lets queries through. */
    public boolean eligible() {
        return enabled && health.state() != HealthState.UNHEALTHY && running.get() < maxRunningQueries
                && circuitBreaker.map(CircuitBreaker::permitsNow).orElse(true);
    }

    /** Counts a query in if the cluster is under its cap and its breaker lets it through. */
    CircuitBreaker.Permit tryStartQuery() {
        while (true) {
            int current = running.get();
            if (current >= maxRunningQueries) {
                return CircuitBreaker.Permit.DENIED;
            }
            if (running.compareAndSet(current, current + 1)) {
                break;
            }
        }
        CircuitBreaker.Permit permit = circuitBreaker.map(CircuitBreaker::tryAcquire)
                .orElse(CircuitBreaker.Permit.GRANTED);
        if (permit == CircuitBreaker.Permit.DENIED) {
            running.decrementAndGet();
        }
        return permit;
    }

    void finishQuery() {
        running.decrementAndGet();
    }
}
