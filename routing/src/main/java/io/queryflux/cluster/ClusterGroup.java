package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A named pool of clusters with one concurrency limit. Its fair semaphore is the proxy-side
 * queue: waiters are admitted in arrival order, at most {@code maxQueuedQueries} wait, and none
 * waits longer than {@code capacityWaitTimeout}. A group with an {@link Overflow} hands the
 * queries it cannot take to another group instead of failing them.
 */
public final class ClusterGroup {
    private final String name;
    private final List<Cluster> members;
    private final GroupLimits limits;
    private final SelectionStrategy strategy;
    private final Semaphore slots;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger heldByTransactions = new AtomicInteger();
    private final Optional<Overflow> overflow;
    private volatile boolean enabled;

    public ClusterGroup(String name, List<Cluster> members, GroupLimits limits, SelectionStrategy strategy,
            boolean enabled) {
        this(name, members, limits, strategy, enabled, Optional.empty());
    }

    public ClusterGroup(String name, List<Cluster> members, GroupLimits limits, SelectionStrategy strategy,
            boolean enabled, Optional<Overflow> overflow) {
        this.overflow = requireNonNull(overflow, "overflow is null");
        this.name = requireNonNull(name, "name is null");
        this.members = List.copyOf(requireNonNull(members, "members is null"));
        this.limits = requireNonNull(limits, "limits is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.enabled = enabled;
        this.slots = new Semaphore(limits.maxRunningQueries(), true);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("group " + name + " has no members");
        }
    }

    /**
     * Waits for a slot in the group, then picks a cluster. The caller must close the admission.
     *
     * @throws QueryException {@link ErrorCode#QUERY_QUEUE_FULL} when the queue is full,
     *     {@link ErrorCode#EXCEEDED_TIME_LIMIT} when the wait times out, and
     *     {@link ErrorCode#NO_NODES_AVAILABLE} when no member can take the query
     * @throws InterruptedException when the query is cancelled while it waits
     */
    public Admission admit() throws QueryException, InterruptedException {
        return switch (enter(false)) {
            case AdmitResult.Admitted admitted -> admitted.admission();
            case AdmitResult.Spilled spilled -> throw new IllegalStateException("spilled without overflow allowed");
        };
    }

    /**
     * Like {@link #admit()}, but when the group has an {@link Overflow} a full queue, or a wait
     * longer than its {@code spillAfter}, sends the query on to the overflow group instead of
     * failing it. Without an overflow it is {@code admit()}.
     */
    public AdmitResult admitOrSpill() throws QueryException, InterruptedException {
        return enter(overflow.isPresent());
    }

    private AdmitResult enter(boolean maySpill) throws QueryException, InterruptedException {
        if (!enabled) {
            throw new QueryException(ErrorCode.NO_NODES_AVAILABLE, "Cluster group '" + name + "' is disabled");
        }
        long start = System.nanoTime();
        // The timed form honours fairness; the untimed tryAcquire() would jump the queue.
        if (!slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            Optional<String> spill = waitForSlot(maySpill);
            if (spill.isPresent()) {
                return new AdmitResult.Spilled(overflow.orElseThrow().group(), spill.get());
            }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        try {
            Picked picked = pickCluster();
            return new AdmitResult.Admitted(new Admission(this, picked.cluster(), picked.permit(), waited));
        } catch (QueryException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Waits for a slot; returns a reason to spill instead when spilling is allowed and due. */
    private Optional<String> waitForSlot(boolean maySpill) throws QueryException, InterruptedException {
        if (queued.incrementAndGet() > limits.maxQueuedQueries()) {
            queued.decrementAndGet();
            if (maySpill) {
                return Optional.of("queue of cluster group '" + name + "' full (" + limits.maxQueuedQueries()
                        + " waiting)");
            }
            throw new QueryException(ErrorCode.QUERY_QUEUE_FULL, "Too many queued queries for cluster group '" + name
                    + "': " + limits.maxQueuedQueries() + " already waiting for " + limits.maxRunningQueries()
                    + " running slots");
        }
        Duration timeout = limits.capacityWaitTimeout();
        Optional<Duration> spillAfter = maySpill
                ? overflow.flatMap(Overflow::spillAfter).filter(d -> d.compareTo(timeout) < 0)
                : Optional.empty();
        boolean acquired;
        try {
            acquired = slots.tryAcquire(spillAfter.orElse(timeout).toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            queued.decrementAndGet();
        }
        if (acquired) {
            return Optional.empty();
        }
        if (spillAfter.isPresent()) {
            return Optional.of("waited " + Durations.describe(spillAfter.get()) + " in the queue of cluster group '"
                    + name + "' (overflowAfterSecs)");
        }
        throw new QueryException(ErrorCode.EXCEEDED_TIME_LIMIT, "Query waited " + Durations.describe(timeout)
                + " in the queue of cluster group '" + name + "' without a free slot (capacityWaitTimeoutSecs)");
    }

    private Picked pickCluster() throws QueryException {
        for (int attempt = 0; attempt < members.size(); attempt++) {
            List<Cluster> candidates = eligibleMembers();
            if (candidates.isEmpty()) {
                break;
            }
            Optional<Cluster> chosen = strategy.select(candidates);
            if (chosen.isEmpty()) {
                break;
            }
            // Another query may have filled the chosen cluster (or taken its breaker's probe)
            // since it was found eligible.
            CircuitBreaker.Permit permit = chosen.get().tryStartQuery();
            if (permit != CircuitBreaker.Permit.DENIED) {
                return new Picked(chosen.get(), permit);
            }
        }
        throw new QueryException(ErrorCode.NO_NODES_AVAILABLE, noClusterReason());
    }

    private record Picked(Cluster cluster, CircuitBreaker.Permit permit) {}

    /** Runs for every query, so the usual case (every member eligible) allocates nothing. */
    private List<Cluster> eligibleMembers() {
        for (Cluster member : members) {
            if (!member.eligible()) {
                return members.stream().filter(Cluster::eligible).toList();
            }
        }
        return members;
    }

    private String noClusterReason() {
        return "No cluster of group '" + name + "' can take the query: "
                + members.stream().map(ClusterGroup::whyNot).collect(Collectors.joining("; "));
    }

    /**
     * The cluster the strategy would pick for a query now, without admitting one or moving the
     * strategy on; for route explain.
     */
    public ClusterPick peekCluster() {
        List<Cluster> candidates = eligibleMembers();
        if (candidates.isEmpty()) {
            return ClusterPick.none(noClusterReason());
        }
        return strategy.peek(candidates)
                .map(c -> ClusterPick.of(c, strategy.type() + " picks " + c.name() + " of " + candidates.size()
                        + " eligible members " + candidates.stream().map(Cluster::name).toList()))
                .orElseGet(() -> ClusterPick.none(strategy.type() + " accepts none of the eligible members "
                        + candidates.stream().map(Cluster::name).toList()));
    }

    private static String whyNot(Cluster cluster) {
        if (!cluster.enabled()) {
            return cluster.name() + " is disabled";
        }
        if (cluster.runningQueries() >= cluster.maxRunningQueries()) {
            return cluster.name() + " is at its limit of " + cluster.maxRunningQueries() + " queries";
        }
        if (cluster.circuitBreaker().filter(b -> !b.permitsNow()).isPresent()) {
            CircuitBreaker.Snapshot breaker = cluster.circuitBreaker().get().snapshot();
            return cluster.name() + "'s circuit breaker is " + breaker.state().name().toLowerCase(java.util.Locale.ROOT)
                    + breaker.openUntil().map(t -> " until " + t).orElse(" (probe in flight)");
        }
        return cluster.name() + " is " + cluster.health().state().name().toLowerCase(java.util.Locale.ROOT) + " ("
                + cluster.health().reason() + ")";
    }

    void release() {
        slots.release();
    }

    public String name() {
        return name;
    }

    public List<Cluster> members() {
        return members;
    }

    public GroupLimits limits() {
        return limits;
    }

    public Optional<Overflow> overflow() {
        return overflow;
    }

    public SelectionStrategy strategy() {
        return strategy;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Queries holding a slot now. */
    public int runningQueries() {
        return limits.maxRunningQueries() - slots.availablePermits();
    }

    /** Queries waiting for a slot now. */
    public int queuedQueries() {
        return queued.get();
    }

    /**
     * Slots held by clients' transaction blocks now, counted in {@link #runningQueries()} too: a
     * block holds its slot between statements, while its client is idle.
     */
    public int openTransactions() {
        return heldByTransactions.get();
    }

    void transactionHolds(int delta) {
        heldByTransactions.addAndGet(delta);
    }
}
