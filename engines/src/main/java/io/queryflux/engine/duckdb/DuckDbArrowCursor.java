package io.queryflux.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.arrow.ArrowExportable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * A DuckDB result that reads row by row like any JDBC cursor, or exports itself through DuckDB's
 * Arrow C stream ({@code DuckDBResultSet.arrowExportStream}), which is about ten times faster
 * than JDBC getters.
 */
final class DuckDbArrowCursor implements ResultCursor, ArrowExportable {
    private final ResultCursor rows;
    private final ResultSet resultSet;
    private boolean advanced;

    DuckDbArrowCursor(ResultCursor rows, ResultSet resultSet) {
        this.rows = requireNonNull(rows, "rows is null");
        this.resultSet = requireNonNull(resultSet, "resultSet is null");
    }

    @Override
    public ArrowReader exportArrow(BufferAllocator allocator, int batchRows) throws QueryException {
        if (advanced) {
            throw new IllegalStateException("Rows were already read through the cursor");
        }
        advanced = true;
        try {
            return (ArrowReader) resultSet.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, batchRows);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            throw new QueryException(DuckDbFlavor.classify(message), "DuckDB Arrow export failed: " + message, e);
        }
    }

    @Override
    public List<Column> columns() {
        return rows.columns();
    }

    @Override
    public boolean next() throws QueryException {
        advanced = true;
        return rows.next();
    }

    @Override
    public Object value(int column) throws QueryException {
        return rows.value(column);
    }

    @Override
    public OptionalLong updateCount() {
        return rows.updateCount();
    }

    @Override
    public void close() {
        rows.close();
    }
}
