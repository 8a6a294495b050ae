package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import java.util.List;
import java.util.Optional;

/**
 * What a prepared statement returns, found by Describe: its columns, and PostgreSQL's own
 * RowDescription when a postgres engine answered the probe, so the client sees PostgreSQL's
 * exact types (and chooses binary formats by them).
 */
record Described(List<Column> columns, Optional<byte[]> rowDescription) {
    Described {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(rowDescription, "rowDescription is null");
    }

    static Described of(List<Column> columns) {
        return new Described(columns, Optional.empty());
    }
}
