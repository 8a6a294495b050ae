package io.queryflux.protocol.trino;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The frontend's queries by id, and the reaper that cancels those whose client stopped polling
 * (so their group slot is freed) and forgets finished ones once a retry of their last page is no
 * longer plausible.
 */
final class TrinoQueries implements AutoCloseable {
    /** How long a finished query's last page stays available for a client's retry. */
    private static final Duration FINISHED_RETENTION = Duration.ofMinutes(1);

    private final Map<String, TrinoQuery> queries = new ConcurrentHashMap<>();
    private final Duration clientTimeout;
    private final Duration finishedRetention;
    private final ScheduledExecutorService reaper;

    TrinoQueries(Duration clientTimeout) {
        this.clientTimeout = requireNonNull(clientTimeout, "clientTimeout is null");
        this.finishedRetention = clientTimeout.compareTo(FINISHED_RETENTION) < 0 ? clientTimeout : FINISHED_RETENTION;
        this.reaper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("trino-query-reaper").factory());
        // Check often enough that a query outlives its timeout by at most about a quarter of it.
        long periodMillis = Math.clamp(clientTimeout.toMillis() / 4, 50, 5_000);
        reaper.scheduleWithFixedDelay(this::reap, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void add(TrinoQuery query) {
        queries.put(query.id(), query);
    }

    Optional<TrinoQuery> find(String queryId) {
        return Optional.ofNullable(queries.get(queryId));
    }

    /** Cancels a query and forgets it; false if it is not known. */
    boolean cancel(String queryId) {
        TrinoQuery query = queries.remove(queryId);
        if (query == null) {
            return false;
        }
        query.cancel();
        return true;
    }

    int size() {
        return queries.size();
    }

    private void reap() {
        for (TrinoQuery query : queries.values()) {
            Duration idle = query.idle();
            if (query.isDone()) {
                if (idle.compareTo(finishedRetention) > 0) {
                    queries.remove(query.id(), query);
                }
            } else if (idle.compareTo(clientTimeout) > 0 && queries.remove(query.id(), query)) {
                // Cancelling waits for a page read in progress to let go: not on the reaper thread.
                Thread.ofVirtual().name("trino-reap-" + query.id()).start(query::cancel);
            }
        }
    }

    /** Stops the reaper and cancels every query still open. */
    @Override
    public void close() {
        reaper.shutdownNow();
        for (String id : queries.keySet()) {
            cancel(id);
        }
    }
}
