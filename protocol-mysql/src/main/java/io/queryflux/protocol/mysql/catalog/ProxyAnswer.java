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

    /**
     * {@code BEGIN}/{@code START TRANSACTION}, {@code COMMIT} or {@code ROLLBACK}; {@code readOnly}
     * when START TRANSACTION said READ ONLY (true) or READ WRITE (false).
     */
    record Transaction(Control control, java.util.Optional<Boolean> readOnly) implements ProxyAnswer {
        public Transaction {
            requireNonNull(control, "control is null");
            requireNonNull(readOnly, "readOnly is null");
        }

        public Transaction(Control control) {
            this(control, java.util.Optional.empty());
        }
    }

    /** What a transaction-control statement does. */
    enum Control {
        BEGIN,
        COMMIT,
        ROLLBACK
    }

    /** {@code KILL [QUERY|CONNECTION] id}. */
    record Kill(long connectionId, boolean queryOnly) implements ProxyAnswer {}

    /**
     * A metadata statement answered from the routed engine's information_schema mirror
     * ({@link InformationSchemaMirrors}): {@code mirrorSql} runs on the mirror, its result columns
     * are renamed to {@code columnNames} when given, and an empty result becomes
     * {@code whenEmpty} when given (SHOW COLUMNS of a missing table is an error in MySQL).
     */
    record CatalogQuery(String mirrorSql, List<String> columnNames, java.util.Optional<Failure> whenEmpty)
            implements ProxyAnswer {
        public CatalogQuery {
            requireNonNull(mirrorSql, "mirrorSql is null");
            columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
            requireNonNull(whenEmpty, "whenEmpty is null");
        }
    }
}
