package io.queryflux.engine.jdbc;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** A {@link ResultCursor} over a JDBC result set, reading each column with its own reader. */
final class JdbcCursor implements ResultCursor {
    private final ResultSet resultSet;
    private final List<Column> columns;
    private final ColumnReader[] readers;
    private final OptionalLong updateCount;
    private final Function<SQLException, QueryException> errors;

    private JdbcCursor(
            ResultSet resultSet,
            List<JdbcColumn> jdbcColumns,
            OptionalLong updateCount,
            Function<SQLException, QueryException> errors) {
        this.resultSet = resultSet;
        this.columns = jdbcColumns.stream().map(JdbcColumn::column).toList();
        this.readers = jdbcColumns.stream().map(JdbcColumn::reader).toArray(ColumnReader[]::new);
        this.updateCount = updateCount;
        this.errors = errors;
    }

    static JdbcCursor rows(ResultSet resultSet, JdbcFlavor flavor, Function<SQLException, QueryException> errors)
            throws SQLException {
        return new JdbcCursor(resultSet, flavor.describe(resultSet.getMetaData()), OptionalLong.empty(), errors);
    }

    static JdbcCursor updateCount(long count) {
        return new JdbcCursor(null, List.of(), count < 0 ? OptionalLong.empty() : OptionalLong.of(count), null);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws QueryException {
        if (resultSet == null) {
            return false;
        }
        try {
            return resultSet.next();
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    @Override
    public Object value(int column) throws QueryException {
        try {
            return readers[column].read(resultSet, column + 1);
        } catch (SQLException e) {
            throw errors.apply(e);
        } catch (RuntimeException e) {
            throw new QueryException(
                    ErrorCode.GENERIC_INTERNAL_ERROR,
                    "Cannot read column " + columns.get(column).name() + " of type " + columns.get(column).type()
                            + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public OptionalLong updateCount() {
        return updateCount;
    }

    @Override
    public void close() {
        if (resultSet != null) {
            try {
                resultSet.close();
            } catch (SQLException ignored) {
                // The statement and connection close right after; nothing to recover here.
            }
        }
    }
}
