package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query's place in a group: a group slot and the cluster it runs on. Closing it gives both
 * back exactly once, whatever path the query ends by.
 */
public final class Admission implements AutoCloseable {
    private final ClusterGroup group;
    private final Cluster cluster;
    private final Duration queueWait;
    private final AtomicBoolean released = new AtomicBoolean();

    Admission(ClusterGroup group, Cluster cluster, Duration queueWait) {
        this.group = requireNonNull(group, "group is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.queueWait = requireNonNull(queueWait, "queueWait is null");
    }

    public ClusterGroup group() {
        return group;
    }

    public Cluster cluster() {
        return cluster;
    }

    /** How long the query waited in the group queue. */
    public Duration queueWait() {
        return queueWait;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            cluster.finishQuery();
            group.release();
        }
    }
}
