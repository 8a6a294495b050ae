package io.queryflux.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.jdbc.ColumnReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An in-memory DuckDB the proxy fills and queries itself, such as a frontend's mirror of the
 * system catalog its clients expect. One statement at a time; results are read in full, up to
 * {@value #MAX_ROWS} rows, and typed by the caller's mapping of DuckDB type names.
 */
public final class ScratchDuckDb implements AutoCloseable {
    private static final int MAX_ROWS = 100_000;

    /** Fills a new database. */
    @FunctionalInterface
    public interface Setup {
        void fill(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private ScratchDuckDb(Connection connection) {
        this.connection = connection;
    }

    public static ScratchDuckDb create(Setup setup) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try {
            setup.fill(connection);
            return new ScratchDuckDb(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Runs a query; empty when the database has been closed meanwhile.
     *
     * @param types the result model's type for a DuckDB column type name
     * @param what what the query reads, for its error message
     */
    public Optional<ListCursor> query(String sql, Function<String, SqlType> types, String what) throws QueryException {
        requireNonNull(types, "types is null");
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                return Optional.of(materialise(rs, types));
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new QueryException(message.startsWith("Parser Error") ? ErrorCode.SYNTAX_ERROR
                    : ErrorCode.NOT_SUPPORTED, what + " query not supported by the proxy: " + message, e);
        } finally {
            lock.unlock();
        }
    }

    private static ListCursor materialise(ResultSet rs, Function<String, SqlType> types) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int width = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            columns.add(new Column(meta.getColumnLabel(i), types.apply(meta.getColumnTypeName(i))));
        }
        ColumnReader[] readers = columns.stream().map(c -> DuckDbValues.reader(c.type())).toArray(ColumnReader[]::new);
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next() && rows.size() < MAX_ROWS) {
            List<Object> row = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                row.add(readers[i].read(rs, i + 1));
            }
            rows.add(java.util.Collections.unmodifiableList(row));
        }
        return new ListCursor(columns, rows);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException ignored) {
            // an in-memory database; nothing is lost
        } finally {
            lock.unlock();
        }
    }
}
