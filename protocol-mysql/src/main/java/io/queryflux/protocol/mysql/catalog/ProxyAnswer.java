package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ResultCursor;
import java.util.List;

/** How the proxy answers a statement it recognises. */
public sealed interface ProxyAnswer {
    /** A result the proxy computed. */
    record Rows(ResultCursor cursor) implements ProxyAnswer {
        public Rows {
            requireNonNull(cursor, "cursor is null");
        }
    }

    /** Done; nothing to return. */
    record Ok() implements ProxyAnswer {}

    /** Refused with a MySQL error. */
    record Failure(int errorNumber, String message) implements ProxyAnswer {
        public Failure {
            requireNonNull(message, "message is null");
        }
    }

    /** {@code USE db} or {@code USE catalog.db}: the session's schema (and catalog) change. */
    record Use(java.util.Optional<String> catalog, String schema) implements ProxyAnswer {
        public Use {
            requireNonNull(catalog, "catalog is null");
            requireNonNull(schema, "schema is null");
        }
    }

    /** {@code KILL [QUERY|CONNECTION] id}. */
    record Kill(long connectionId, boolean queryOnly) implements ProxyAnswer {}

    /**
     * A metadata statement rewritten as an information_schema query for the routed engine;
     * its result columns are renamed to what MySQL returns.
     */
    record EngineQuery(String sql, List<String> columnNames) implements ProxyAnswer {
        public EngineQuery {
            requireNonNull(sql, "sql is null");
            columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        }
    }
}
