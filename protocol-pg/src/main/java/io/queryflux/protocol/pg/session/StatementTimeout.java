package io.queryflux.protocol.pg.session;

import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's {@code statement_timeout}, kept by the proxy for every engine: a statement still
 * running when it expires is cancelled and fails with 57014 "canceling statement due to statement
 * timeout", as on PostgreSQL. One shared timer thread serves every connection and only hands the
 * cancel to a virtual thread (cancelling may wait on an engine); with no timeout set (the
 * default) nothing is scheduled.
 */
final class StatementTimeout implements AutoCloseable {
    /** PostgreSQL's largest statement_timeout, in milliseconds. */
    private static final long MAX_MILLIS = Integer.MAX_VALUE;
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final StatementTimeout NONE = new StatementTimeout();
    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]*)\\s*");
    /** PostgreSQL's time units (case-sensitive, as in PostgreSQL); a bare number is milliseconds. */
    private static final Map<String, Double> UNIT_MILLIS = Map.of("", 1.0, "us", 0.001, "ms", 1.0, "s", 1_000.0,
            "min", 60_000.0, "h", 3_600_000.0, "d", 86_400_000.0);
    /** How SHOW prints a value: in the largest unit that divides it. */
    private static final String[] UNITS = {"d", "h", "min", "s", "ms"};
    private static final long[] UNIT_SIZES = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledFuture<?> expiry;
    private boolean closed;
    private volatile boolean expired;

    private StatementTimeout() {
        this.expiry = null;
    }

    private StatementTimeout(Duration timeout, Supplier<RunningQuery> running) {
        this.expiry = TIMER.schedule(() -> expire(running), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("pg-statement-timeout").daemon().factory());
        timer.setRemoveOnCancelPolicy(true); // most statements end long before their timeout
        return timer;
    }

    /**
     * Cancels what {@code running} gives once {@code timeout} has passed, unless closed first; a
     * zero timeout never does. Closed before the connection moves on, so the query it cancels is
     * always the timed statement's.
     */
    static StatementTimeout start(Duration timeout, Supplier<RunningQuery> running) {
        return timeout.isZero() ? NONE : new StatementTimeout(timeout, running);
    }

    private void expire(Supplier<RunningQuery> running) {
        RunningQuery target;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            expired = true;
            target = running.get();
        } finally {
            lock.unlock();
        }
        if (target != null) {
            Thread.startVirtualThread(target::cancel);
        }
    }

    /** Fails once the timeout has passed: a message that comes after it does not start. */
    void checkNotExpired() throws QueryException {
        if (expired) {
            throw new QueryException(ErrorCode.USER_CANCELED, "canceling statement due to statement timeout");
        }
    }

    /** {@code e} as PostgreSQL reports it when this timeout is what cancelled the statement. */
    QueryException explain(QueryException e) {
        return expired && e.code() == ErrorCode.USER_CANCELED
                ? new QueryException(ErrorCode.USER_CANCELED, "canceling statement due to statement timeout", e)
                : e;
    }

    /**
     * A {@code statement_timeout} value in PostgreSQL's spelling, in whole milliseconds: a number
     * of milliseconds, or one with a unit (us, ms, s, min, h, d), rounded as PostgreSQL rounds;
     * 0 turns it off. Empty when it is not one, or outside 0 to 2147483647 ms.
     */
    static Optional<Long> parseMillis(String setting) {
        Matcher m = VALUE.matcher(setting);
        Double unit = m.matches() ? UNIT_MILLIS.get(m.group(2)) : null;
        if (unit == null) {
            return Optional.empty();
        }
        long millis = Math.round(Double.parseDouble(m.group(1)) * unit);
        return millis > MAX_MILLIS ? Optional.empty() : Optional.of(millis);
    }

    /** PostgreSQL's message for a value it does not take. */
    static String invalid(String value) {
        return "invalid value for parameter \"statement_timeout\": \"" + value + "\" (valid units for this parameter"
                + " are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"; at most 2147483647 ms)";
    }

    /** The value as PostgreSQL's SHOW prints it: {@code 0}, {@code 300ms}, {@code 5s}, {@code 1min}. */
    static String show(long millis) {
        if (millis == 0) {
            return "0";
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (millis % UNIT_SIZES[i] == 0) {
                return millis / UNIT_SIZES[i] + UNITS[i];
            }
        }
        return millis + "ms";
    }

    @Override
    public void close() {
        if (expiry == null) {
            return;
        }
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        expiry.cancel(false);
    }
}
