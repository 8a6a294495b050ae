package io.queryflux.engine.jdbc;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;

/** A result column and how to read it from the JDBC result set. */
public record JdbcColumn(Column column, ColumnReader reader) {
    public JdbcColumn {
        requireNonNull(column, "column is null");
        requireNonNull(reader, "reader is null");
    }
}
