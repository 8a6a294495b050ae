package io.queryflux.server.observe;

import io.queryflux.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks every cluster in the background and records the result on it, so selection skips
 * unhealthy clusters and /health, the admin API and metrics show the state with its reason.
 */
public final class ClusterHealthMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterHealthMonitor.class.getName());

    private final List<Cluster> clusters;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("cluster-health").factory());

    public ClusterHealthMonitor(List<Cluster> clusters, Duration interval, Duration timeout) {
        this.clusters = List.copyOf(clusters);
        this.timeout = timeout;
        // First round at once, so readiness is known within a moment of start-up.
        scheduler.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks every cluster now, in parallel, and waits for the results. */
    public void checkAll() {
        List<Thread> checks = clusters.stream()
                .map(cluster -> Thread.ofVirtual().name("health-" + cluster.name()).start(() -> check(cluster)))
                .toList();
        for (Thread check : checks) {
            try {
                check.join(timeout.multipliedBy(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void check(Cluster cluster) {
        var before = cluster.health().state();
        var health = cluster.engine().checkHealth(timeout);
        cluster.setHealth(health);
        if (health.state() != before) {
            LOG.log(health.isHealthy() ? Level.INFO : Level.WARNING,
                    "Cluster " + cluster.name() + " is " + health.state() + ": " + health.reason());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
