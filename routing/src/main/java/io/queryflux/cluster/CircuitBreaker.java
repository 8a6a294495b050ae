package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorType;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops sending queries to a cluster that keeps failing. Closed, it records the outcome of
 * the last {@code windowSize} queries; once at least {@code minimumCalls} are recorded and the
 * share of failures reaches {@code failureRateThreshold}, it opens: the cluster takes no
 * queries for the open duration. Then it is half-open: exactly one query goes through as a
 * probe. A successful probe closes the breaker (and forgets the window); a failed one opens it
 * again for twice the previous duration, up to {@code maxOpenDuration}.
 *
 * <p>Only failures that say something about the cluster count: engine, external and internal
 * errors. A user's error (bad SQL) is the cluster working, so it counts as a success; a query
 * cancelled or refused before the engine answered counts as nothing.
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** What a query was granted: nothing, a normal pass, or the one probe of a half-open breaker. */
    enum Permit {
        DENIED,
        GRANTED,
        PROBE
    }

    /**
     * @param windowSize how many recent outcomes the failure rate is taken over
     * @param minimumCalls outcomes needed in the window before the breaker may open
     * @param failureRateThreshold share of failures (0 to 1] that opens the breaker
     * @param openDuration how long the breaker first stays open
     * @param maxOpenDuration the cap of the doubling backoff after failed probes
     */
    public record Settings(int windowSize, int minimumCalls, double failureRateThreshold, Duration openDuration,
            Duration maxOpenDuration) {
        public Settings {
            requireNonNull(openDuration, "openDuration is null");
            requireNonNull(maxOpenDuration, "maxOpenDuration is null");
            if (windowSize < 1 || minimumCalls < 1 || minimumCalls > windowSize) {
                throw new IllegalArgumentException("need 1 <= minimumCalls <= windowSize");
            }
            if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
                throw new IllegalArgumentException("failureRateThreshold must be in (0, 1]");
            }
            if (openDuration.isNegative() || openDuration.isZero() || maxOpenDuration.compareTo(openDuration) < 0) {
                throw new IllegalArgumentException("need 0 < openDuration <= maxOpenDuration");
            }
        }
    }

    /** The breaker's state for metrics and the admin API. */
    public record Snapshot(State state, int calls, int failures, Optional<Instant> openUntil, Duration backoff) {
        public Snapshot {
            requireNonNull(state, "state is null");
            requireNonNull(openUntil, "openUntil is null");
            requireNonNull(backoff, "backoff is null");
        }
    }

    private final Settings settings;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean[] failed;
    private int recorded;
    private int next;
    private int failures;
    private State state = State.CLOSED;
    private Instant openUntil = Instant.MIN;
    private Duration backoff;
    private boolean probeInFlight;

    public CircuitBreaker(Settings settings) {
        this(settings, InstantSource.system());
    }

    public CircuitBreaker(Settings settings, InstantSource clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.failed = new boolean[settings.windowSize()];
        this.backoff = settings.openDuration();
    }

    public Settings settings() {
        return settings;
    }

    /** Whether the cluster error in {@code e} tells against the cluster. */
    public static boolean countsAgainstCluster(QueryException e) {
        ErrorType type = e.code().type();
        return type == ErrorType.EXTERNAL || type == ErrorType.INTERNAL_ERROR;
    }

    /** Whether a query could go through now; reads the state without changing it. */
    boolean permitsNow() {
        lock.lock();
        try {
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> !clock.instant().isBefore(openUntil);
                case HALF_OPEN -> !probeInFlight;
            };
        } finally {
            lock.unlock();
        }
    }

    /** Lets a query through, making it the probe when the breaker is due to half-open. */
    Permit tryAcquire() {
        lock.lock();
        try {
            if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
                state = State.HALF_OPEN;
                probeInFlight = false;
            }
            return switch (state) {
                case CLOSED -> Permit.GRANTED;
                case OPEN -> Permit.DENIED;
                case HALF_OPEN -> {
                    if (probeInFlight) {
                        yield Permit.DENIED;
                    }
                    probeInFlight = true;
                    yield Permit.PROBE;
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /** Records how a query that went through ended. */
    void record(Permit permit, boolean success) {
        lock.lock();
        try {
            if (permit == Permit.PROBE) {
                probeInFlight = false;
                if (success) {
                    reset();
                } else {
                    backoff = min(backoff.multipliedBy(2), settings.maxOpenDuration());
                    open();
                }
                return;
            }
            if (state != State.CLOSED) {
                return; // a query admitted before the breaker opened says nothing new
            }
            if (recorded == failed.length && failed[next]) {
                failures--;
            }
            failed[next] = !success;
            if (!success) {
                failures++;
            }
            next = (next + 1) % failed.length;
            recorded = Math.min(recorded + 1, failed.length);
            if (recorded >= settings.minimumCalls()
                    && failures >= settings.failureRateThreshold() * recorded) {
                backoff = settings.openDuration();
                open();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A probe ended without an outcome (cancelled before the engine answered): let another probe. */
    void abandon(Permit permit) {
        if (permit != Permit.PROBE) {
            return;
        }
        lock.lock();
        try {
            probeInFlight = false;
        } finally {
            lock.unlock();
        }
    }

    public State state() {
        return snapshot().state();
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(state, recorded, failures,
                    state == State.CLOSED ? Optional.empty() : Optional.of(openUntil), backoff);
        } finally {
            lock.unlock();
        }
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.instant().plus(backoff);
    }

    private void reset() {
        state = State.CLOSED;
        recorded = 0;
        next = 0;
        failures = 0;
        Arrays.fill(failed, false);
        backoff = settings.openDuration();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
