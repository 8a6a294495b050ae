package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Optional cursor capability: the result in the upstream engine's own wire encoding, for a
 * frontend that speaks the same protocol and can forward it without decoding the values into
 * Java objects and encoding them again. A frontend tests {@code cursor instanceof RawPassthrough}
 * and checks {@link #format()}; it then reads {@link #nextRawRows()} instead of {@code next()},
 * never both. Cancel and close go through the execution and the cursor as usual.
 */
public interface RawPassthrough {
    /** Trino's client protocol: columns and rows as the JSON of a {@code QueryResults} page. */
    String TRINO_JSON = "trino-json";

    /** The wire format of {@link #rawColumns()} and {@link #nextRawRows()}. */
    String format();

    /** The column descriptions exactly as the upstream sent them (Trino: the {@code columns} array). */
    String rawColumns();

    /**
     * The next upstream page of rows exactly as the upstream encoded them (Trino: the
     * {@code data} array), fetched from the upstream only now; empty once the result is
     * exhausted. Pages without rows are skipped.
     */
    Optional<RawRows> nextRawRows() throws QueryException;

    /**
     * @param json the rows in the upstream's encoding
     * @param rows how many rows they are
     */
    record RawRows(String json, int rows) {
        public RawRows {
            requireNonNull(json, "json is null");
        }
    }
}
