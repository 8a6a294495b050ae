package io.queryflux.engine.jdbc;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.TransactionMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transaction on one JDBC connection with autocommit off. Each statement is a
 * {@link JdbcExecution} on that connection; closing the transaction rolls back what was not
 * committed and closes the connection (back to its pool).
 */
public final class JdbcTransaction implements EngineTransaction {
    private final Connection connection;
    private final JdbcFlavor flavor;
    private final boolean savepoints;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcTransaction(Connection connection, JdbcFlavor flavor, boolean savepoints) {
        this.connection = connection;
        this.flavor = flavor;
        this.savepoints = savepoints;
    }

    /**
     * Begins a transaction in {@code mode} on the connection, which it then owns (and closes if
     * beginning fails). The pool the connection came from restores its isolation level and
     * read-only flag when it is given back (HikariCP does).
     */
    public static JdbcTransaction begin(Connection connection, JdbcFlavor flavor, TransactionMode mode)
            throws QueryException {
        requireNonNull(connection, "connection is null");
        requireNonNull(flavor, "flavor is null");
        try {
            connection.setAutoCommit(false);
            if (mode.isolation().isPresent()) {
                connection.setTransactionIsolation(switch (mode.isolation().get()) {
                    case READ_UNCOMMITTED -> Connection.TRANSACTION_READ_UNCOMMITTED;
                    case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
                    case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
                    case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
                });
            }
            if (mode.readOnly()) {
                connection.setReadOnly(true);
            }
            boolean savepoints = connection.getMetaData().supportsSavepoints();
            if (!mode.savepoints().isEmpty()) {
                if (!savepoints) {
                    throw new QueryException(ErrorCode.NOT_SUPPORTED, "savepoints are not supported by this engine");
                }
                try (java.sql.Statement statement = connection.createStatement()) {
                    for (String name : mode.savepoints()) {
                        statement.execute("SAVEPOINT " + name);
                    }
                }
            }
            return new JdbcTransaction(connection, flavor, savepoints);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw flavor.translate(e);
        } catch (QueryException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        if (ended.get()) {
            throw new IllegalStateException("the transaction has ended");
        }
        if (PgWireDescription.parameterTypes(query.forwardFormats()).isPresent()
                || query.forwardFormats().contains(PgWireCopyIn.FORMAT)) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED,
                    "this statement cannot run inside a transaction block on this engine");
        }
        return new JdbcExecution(connection, query, flavor, false);
    }

    @Override
    public boolean hasSavepoints() {
        return savepoints;
    }

    @Override
    public void commit() throws QueryException {
        end(true);
    }

    @Override
    public void rollback() throws QueryException {
        end(false);
    }

    private void end(boolean commit) throws QueryException {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw flavor.translate(e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            end(false);
            connection.setAutoCommit(true);
        } catch (QueryException | SQLException e) {
            // A broken connection: closing it below discards it.
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more to do with it.
        }
    }
}
