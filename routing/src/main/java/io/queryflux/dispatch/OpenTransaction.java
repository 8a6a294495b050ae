package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A client's transaction block that holds a group slot and an engine connection, for the admin
 * API: who holds them, where, and since when.
 *
 * @param boundBy the id of the query that bound the block
 */
public record OpenTransaction(String boundBy, Protocol protocol, String user, String group, String cluster,
        String engine, Instant since) {
    public OpenTransaction {
        requireNonNull(boundBy, "boundBy is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(user, "user is null");
        requireNonNull(group, "group is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(since, "since is null");
    }
}
