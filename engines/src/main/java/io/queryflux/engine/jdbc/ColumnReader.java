package io.queryflux.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the result model's Java value. */
@FunctionalInterface
public interface ColumnReader {
    Object read(ResultSet resultSet, int jdbcIndex) throws SQLException;
}
