package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query's place in a group: a group slot and the cluster it runs on. Closing it gives both
 * back exactly once, whatever path the query ends by.
 */
public final class Admission implements AutoCloseable {
    private final ClusterGroup group;
    private final Cluster cluster;
    private final CircuitBreaker.Permit permit;
    private final Duration queueWait;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean heldByTransaction = new AtomicBoolean();

    Admission(ClusterGroup group, Cluster cluster, CircuitBreaker.Permit permit, Duration queueWait) {
        this.group = requireNonNull(group, "group is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.permit = requireNonNull(permit, "permit is null");
        this.queueWait = requireNonNull(queueWait, "queueWait is null");
    }

    /** A client's transaction block holds the slot from now until it is closed (see {@link ClusterGroup#openTransactions()}). */
    public void holdForTransaction() {
        if (heldByTransaction.compareAndSet(false, true)) {
            group.transactionHolds(1);
        }
    }

    /** The cluster answered the query; its circuit breaker counts a success. */
    public void succeeded() {
        if (reported.compareAndSet(false, true)) {
            cluster.circuitBreaker().ifPresent(b -> b.record(permit, true));
        }
    }

    /**
     * The query failed on the cluster. The breaker counts a failure only for errors that tell
     * against the cluster; a cancel counts as nothing.
     */
    public void failed(QueryException e) {
        if (e.code() == ErrorCode.USER_CANCELED) {
            return;
        }
        if (reported.compareAndSet(false, true)) {
            cluster.circuitBreaker().ifPresent(b -> b.record(permit, !CircuitBreaker.countsAgainstCluster(e)));
        }
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
            if (!reported.get()) {
                cluster.circuitBreaker().ifPresent(b -> b.abandon(permit));
            }
            cluster.finishQuery();
            if (heldByTransaction.get()) {
                group.transactionHolds(-1);
            }
            group.release();
        }
    }
}
