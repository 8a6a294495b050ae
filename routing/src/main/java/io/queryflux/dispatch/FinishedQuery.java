package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * A query that ended, with what metrics and history need: bounded labels only (no SQL, no id
 * in labels; the id is for history).
 */
public record FinishedQuery(
        String queryId,
        Protocol protocol,
        Optional<String> group,
        Optional<String> cluster,
        Optional<String> engineType,
        QueryStatus status,
        Optional<ErrorCode> error,
        Duration duration) {
    public FinishedQuery {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(group, "group is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(engineType, "engineType is null");
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
        requireNonNull(duration, "duration is null");
    }
}
