package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.HealthState;
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
    private volatile boolean enabled;
    private volatile ClusterHealth health = ClusterHealth.starting();

    /**
     * @param maxRunningQueries this cluster's own cap, {@link Integer#MAX_VALUE} for none
     */
    public Cluster(String name, Engine engine, boolean enabled, int maxRunningQueries) {
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

    /** Enabled, not known to be unhealthy, and under its own cap. */
    public boolean eligible() {
        return enabled && health.state() != HealthState.UNHEALTHY && running.get() < maxRunningQueries;
    }

    /** Counts a query in if the cluster is under its cap; false if it is full. */
    boolean tryStartQuery() {
        while (true) {
            int current = running.get();
            if (current >= maxRunningQueries) {
                return false;
            }
            if (running.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void finishQuery() {
        running.decrementAndGet();
    }
}
