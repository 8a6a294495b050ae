package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

/** A statement as the client sent it, in its session. */
public record QueryRequest(String sql, ClientSession session) {
    public QueryRequest {
        requireNonNull(sql, "sql is null");
        requireNonNull(session, "session is null");
    }
}
