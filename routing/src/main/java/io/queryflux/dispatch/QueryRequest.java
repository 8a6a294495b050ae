package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A statement as the client sent it, in its session.
 *
 * @param forwardFormats result encodings the frontend can forward to its client as they are
 *     (see {@link io.queryflux.engine.EngineQuery#forwardFormats()})
 */
public record QueryRequest(String sql, ClientSession session, Set<String> forwardFormats) {
    public QueryRequest {
        requireNonNull(sql, "sql is null");
        requireNonNull(session, "session is null");
        forwardFormats = Set.copyOf(requireNonNull(forwardFormats, "forwardFormats is null"));
    }

    /** A request whose result the frontend reads as decoded rows. */
    public QueryRequest(String sql, ClientSession session) {
        this(sql, session, Set.of());
    }
}
