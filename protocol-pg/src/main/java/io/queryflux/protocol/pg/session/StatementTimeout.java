package io.queryflux.protocol.pg.session;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's {@code statement_timeout}, kept by the proxy for every engine: a statement still
 * running when it expires is cancelled and fails with 57014 "canceling statement due to statement
 * timeout", as on PostgreSQL. One shared timer thread serves every connection; with no timeout
 * set (the default) nothing is scheduled.
 */
final class StatementTimeout implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final StatementTimeout NONE = new StatementTimeout();
    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]*)\\s*");
    /** PostgreSQL's time units; a bare number is milliseconds. */
    private static final Map<String, Long> UNIT_MICROS = Map.of("", 1_000L, "us", 1L, "ms", 1_000L, "s", 1_000_000L,
            "min", 60_000_000L, "h", 3_600_000_000L, "d", 86_400_000_000L);

    private final ScheduledFuture<?> expiry;
    private volatile boolean expired;

    private StatementTimeout() {
        this.expiry = null;
    }

    private StatementTimeout(Duration timeout, Runnable cancel) {
        this.expiry = TIMER.schedule(() -> {
            expired = true;
            cancel.run();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("pg-statement-timeout").daemon().factory());
        timer.setRemoveOnCancelPolicy(true); // most statements end long before their timeout
        return timer;
    }

    /** Runs {@code cancel} once {@code timeout} has passed, unless closed first; a zero timeout never does. */
    static StatementTimeout start(Duration timeout, Runnable cancel) {
        return timeout.isZero() ? NONE : new StatementTimeout(timeout, cancel);
    }

    /** {@code e} as PostgreSQL reports it when this timeout is what cancelled the statement. */
    QueryException explain(QueryException e) {
        return expired && e.code() == ErrorCode.USER_CANCELED
                ? new QueryException(ErrorCode.USER_CANCELED, "canceling statement due to statement timeout", e)
                : e;
    }

    /**
     * A {@code statement_timeout} value in PostgreSQL's spelling: milliseconds, or a number with
     * a unit (us, ms, s, min, h, d); 0 turns it off. Empty when it is not one.
     */
    static Optional<Duration> parse(String setting) {
        Matcher m = VALUE.matcher(setting.toLowerCase(Locale.ROOT));
        Long micros = m.matches() ? UNIT_MICROS.get(m.group(2)) : null;
        if (micros == null) {
            return Optional.empty();
        }
        double total = Double.parseDouble(m.group(1)) * micros;
        return total > Long.MAX_VALUE / 1_000 ? Optional.empty() : Optional.of(Duration.ofNanos((long) (total * 1_000)));
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }
}
