package io.queryflux.dispatch;

import io.queryflux.routing.RoutingDecision;
import java.time.Duration;

/**
 * Hears about queries as they pass through dispatch, for metrics and history. Called on query
 * threads: implementations must be thread-safe and quick.
 */
public interface QueryObserver {
    /**
     * The router chain decided a query's route in {@code latency}. The deciding router is the
     * last of {@code decision.steps()} unless the fallback applied; label metrics by its index
     * and type and by the group, never by anything from the query itself.
     */
    default void routed(RoutingDecision decision, Duration latency) {}

    /** A query got a slot in its group after waiting {@code wait}. */
    default void admitted(String group, Duration wait) {}

    /** A query was refused because the group's queue was full. */
    default void queueRejected(String group) {}

    /** A group could not take a query and sent it to its overflow group. */
    default void overflowed(String fromGroup, String toGroup) {}

    /** A query's SQL went through the translator on its way to an engine. */
    default void translated(io.queryflux.sql.Translation translation) {}

    /** A query ended, however it ended. */
    default void finished(FinishedQuery query) {}

    QueryObserver NONE = new QueryObserver() {};
}
