package io.queryflux.engine.jdbc;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.StatementDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement on its own JDBC connection, or on a transaction's ({@link JdbcTransaction}). The
 * connection is the execution's until {@link #close()}, so cancelling it can never touch another
 * query; a transaction's connection outlives the execution.
 */
public final class JdbcExecution implements QueryExecution {
    private final Connection connection;
    private final EngineQuery query;
    private final JdbcFlavor flavor;
    private final boolean ownsConnection;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement statement;
    private JdbcCursor cursor;

    /** A statement that closes the connection when it is closed. */
    public JdbcExecution(Connection connection, EngineQuery query, JdbcFlavor flavor) {
        this(connection, query, flavor, true);
    }

    JdbcExecution(Connection connection, EngineQuery query, JdbcFlavor flavor, boolean ownsConnection) {
        this.connection = requireNonNull(connection, "connection is null");
        this.query = requireNonNull(query, "query is null");
        this.flavor = requireNonNull(flavor, "flavor is null");
        this.ownsConnection = ownsConnection;
    }

    @Override
    public ResultCursor run() throws QueryException {
        checkNotCancelled();
        try {
            flavor.prepareSession(connection, query);
            if (StatementDescription.requested(query.forwardFormats())) {
                return describe();
            }
            statement = flavor.createStatement(connection);
            // A cancel that raced with createStatement saw no statement to cancel.
            checkNotCancelled();
            boolean hasResultSet = statement.execute(query.sql());
            if (!hasResultSet) {
                cursor = JdbcCursor.updateCount(statement.getLargeUpdateCount());
                return cursor;
            }
            ResultSet resultSet = statement.getResultSet();
            cursor = JdbcCursor.rows(resultSet, flavor, this::translate);
            return flavor.withCapabilities(cursor, resultSet);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The statement prepared, not run: its result columns and parameter types. */
    private StatementDescription describe() throws SQLException, QueryException {
        try (PreparedStatement prepared = connection.prepareStatement(query.sql())) {
            List<SqlType> parameters = flavor.parameterTypes(prepared.getParameterMetaData());
            ResultSetMetaData rows = prepared.getMetaData();
            List<Column> columns = rows == null ? List.of()
                    : flavor.describe(rows).stream().map(JdbcColumn::column).toList();
            return new StatementDescription(columns, parameters);
        }
    }

    private void checkNotCancelled() throws QueryException {
        if (cancelled.get()) {
            throw new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
        }
    }

    QueryException translate(SQLException e) {
        if (cancelled.get()) {
            return new QueryException(ErrorCode.USER_CANCELED, "Query was canceled", e);
        }
        return flavor.translate(e);
    }

    @Override
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        Statement current = statement;
        if (current != null && !closed.get()) {
            try {
                current.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // Best effort: the statement may have finished or its connection closed meanwhile.
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (cursor != null) {
            cursor.close();
        }
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // Closing is best effort: a broken statement leaves a broken connection, found at its next use.
        }
        if (ownsConnection) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is discarded either way.
            }
        }
    }
}
