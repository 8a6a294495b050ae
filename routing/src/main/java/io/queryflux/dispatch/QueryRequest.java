package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineType;
import java.util.Optional;
import java.util.Set;

/**
 * A statement as the client sent it, in its session.
 *
 * @param forwardFormats result encodings the frontend can forward to its client as they are
 *     (see {@link io.queryflux.engine.EngineQuery#forwardFormats()})
 * @param onlyOn the one engine type that may run the statement (a protocol feature only it has,
 *     such as PostgreSQL's COPY FROM STDIN); on a cluster of another type it fails unrun
 */
public record QueryRequest(String sql, ClientSession session, Set<String> forwardFormats, Optional<EngineType> onlyOn) {
    public QueryRequest {
        requireNonNull(sql, "sql is null");
        requireNonNull(session, "session is null");
        forwardFormats = Set.copyOf(requireNonNull(forwardFormats, "forwardFormats is null"));
        requireNonNull(onlyOn, "onlyOn is null");
    }

    /** A request any engine may run, whose result the frontend may forward in these encodings. */
    public QueryRequest(String sql, ClientSession session, Set<String> forwardFormats) {
        this(sql, session, forwardFormats, Optional.empty());
    }

    /** A request whose result the frontend reads as decoded rows. */
    public QueryRequest(String sql, ClientSession session) {
        this(sql, session, Set.of());
    }
}
