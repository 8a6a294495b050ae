package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an engine is asked to run: the SQL (already in the engine's dialect) and the session
 * it runs in.
 *
 * @param queryId the proxy's id of the query, for engine-side labels and logs
 * @param sql the statement text in the engine's dialect
 * @param user the authenticated or declared user
 * @param source the client application, if it said
 * @param catalog the session catalog (database for DuckDB and PostgreSQL)
 * @param schema the session schema
 * @param sessionProperties session properties the client set
 * @param clientTags client tags, forwarded to engines that understand them
 * @param forwardFormats result encodings the caller can forward to its client as they are (such
 *     as {@link PgWireRows#FORMAT}); an engine may then answer in one of them instead of decoded rows
 */
public record EngineQuery(
        String queryId,
        String sql,
        String user,
        Optional<String> source,
        Optional<String> catalog,
        Optional<String> schema,
        Map<String, String> sessionProperties,
        Set<String> clientTags,
        Set<String> forwardFormats) {
    public EngineQuery {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(user, "user is null");
        requireNonNull(source, "source is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        sessionProperties = Map.copyOf(requireNonNull(sessionProperties, "sessionProperties is null"));
        clientTags = Set.copyOf(requireNonNull(clientTags, "clientTags is null"));
        forwardFormats = Set.copyOf(requireNonNull(forwardFormats, "forwardFormats is null"));
    }

    /** A query whose result is read as decoded rows. */
    public EngineQuery(String queryId, String sql, String user, Optional<String> source, Optional<String> catalog,
            Optional<String> schema, Map<String, String> sessionProperties, Set<String> clientTags) {
        this(queryId, sql, user, source, catalog, schema, sessionProperties, clientTags, Set.of());
    }
}
