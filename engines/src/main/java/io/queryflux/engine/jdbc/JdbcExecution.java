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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement on its own JDBC connection, or on a transaction's ({@link JdbcTransaction}). The
 * connection is the execution's until {@link #close()}, so cancelling it can never touch another
 * query; a transaction's connection outlives the execution.
 */
public final class JdbcExecution implements QueryExecution {
    /**
     * Learning a lost error runs the statement again up to the failure: worth it for a statement
     * that failed this soon, not for one the client already waited minutes on.
     */
    private static final Duration PROBE_WITHIN = Duration.ofSeconds(10);

    private final Connection connection;
    private final EngineQuery query;
    private final JdbcFlavor flavor;
    private final boolean ownsConnection;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement statement;
    private JdbcCursor cursor;
    private long startedNanos;

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
        startedNanos = System.nanoTime();
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
            cursor = JdbcCursor.rows(resultSet, flavor, this::failed);
            return flavor.withCapabilities(cursor, resultSet);
        } catch (SQLException e) {
            throw failed(e);
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

    /**
     * An error of the statement or of reading its rows, learnt by a probe when the driver lost
     * its message (DuckDB's reports such an error as soon as execute, or later while reading).
     */
    private QueryException failed(SQLException e) {
        QueryException failure = translate(e);
        Optional<LostErrorProbe> probe = flavor.lostErrorProbe(e, query.sql());
        // In a transaction the failure has already aborted it, so a probe could only fail on that.
        if (probe.isEmpty() || cancelled.get() || !ownsConnection
                || System.nanoTime() - startedNanos > PROBE_WITHIN.toNanos()) {
            return failure;
        }
        return probe(probe.get()).orElse(failure);
    }

    /** Runs the probe in a transaction that is rolled back, so that it changes nothing. */
    private Optional<QueryException> probe(LostErrorProbe probe) {
        try {
            if (statement != null) {
                statement.close(); // and the failed result with it
            }
            connection.setAutoCommit(false);
            try (Statement again = flavor.createStatement(connection)) {
                statement = again; // for cancel()
                checkNotCancelled();
                again.execute(probe.sql());
                return Optional.empty(); // it did not fail again
            } catch (SQLException lost) {
                if (cancelled.get()) {
                    return Optional.of(translate(lost));
                }
                return probe.answers().test(lost) ? Optional.of(flavor.translate(lost)) : Optional.empty();
            } finally {
                connection.rollback();
            }
        } catch (QueryException canceled) {
            return Optional.of(canceled);
        } catch (SQLException e) {
            return Optional.empty();
        }
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
