package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.routing.RouterStep;
import io.queryflux.sql.Translation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a query landed where it did: every router consulted, the group, the cluster, and how
 * long it queued. A snapshot; a running query's trace grows as it moves on.
 *
 * <p>{@code group} is the group the query runs in: the router chain's choice, or, when that
 * group spilled it, the last group of {@code overflows}, which lists each move and why.
 * {@code queueWait} is the wait in that last group.
 *
 * <p>{@code transactionOf} names the query that bound the client's transaction block the query
 * ran in: that query's routing and cluster are the block's, and this one was not routed again.
 */
public record QueryTrace(
        String queryId,
        QueryState state,
        Protocol protocol,
        String user,
        Instant created,
        List<RouterStep> routers,
        Optional<String> group,
        boolean fallbackUsed,
        Optional<String> denial,
        Optional<String> cluster,
        Optional<String> engineType,
        Optional<Duration> queueWait,
        Optional<String> handledInProxy,
        Optional<String> error,
        List<OverflowStep> overflows,
        Optional<Translation> translation,
        Optional<String> transactionOf) {
    public QueryTrace {
        requireNonNull(transactionOf, "transactionOf is null");
        requireNonNull(translation, "translation is null");
        overflows = List.copyOf(requireNonNull(overflows, "overflows is null"));
        requireNonNull(queryId, "queryId is null");
        requireNonNull(state, "state is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(user, "user is null");
        requireNonNull(created, "created is null");
        routers = List.copyOf(requireNonNull(routers, "routers is null"));
        requireNonNull(group, "group is null");
        requireNonNull(denial, "denial is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(engineType, "engineType is null");
        requireNonNull(queueWait, "queueWait is null");
        requireNonNull(handledInProxy, "handledInProxy is null");
        requireNonNull(error, "error is null");
    }
}
