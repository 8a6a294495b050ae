package io.queryflux.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.TransactionMode;
import io.queryflux.engine.jdbc.JdbcExecution;
import io.queryflux.engine.jdbc.JdbcTransaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB database, in memory or in a file. One database is opened per cluster and
 * each query gets its own duplicated connection to it, so queries run in parallel, see each
 * other's committed tables, and cancel independently.
 */
public final class DuckDbEngine implements Engine {
    private final DuckDBConnection root;
    private final DuckDbFlavor flavor = new DuckDbFlavor();

    private DuckDbEngine(DuckDBConnection root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** Opens the database: in memory when {@code databasePath} is empty. */
    public static DuckDbEngine open(Optional<String> databasePath) throws SQLException {
        Properties properties = new Properties();
        // Without this DuckDB materialises each result before the first row is read.
        properties.setProperty("jdbc_stream_results", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + databasePath.orElse(""), properties);
        return new DuckDbEngine(connection.unwrap(DuckDBConnection.class));
    }

    @Override
    public EngineType type() {
        return EngineType.DUCKDB;
    }

    @Override
    public Optional<String> defaultSchema() {
        return Optional.of("main");
    }

    /** From DuckDB's prepared statement: its result columns and the types it infers for parameters. */
    @Override
    public boolean describesAnyStatement() {
        return true;
    }

    @Override
    public boolean standardInformationSchema() {
        return true;
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        try {
            return new JdbcExecution(root.duplicate(), query, flavor);
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Cannot open a DuckDB connection: " + e.getMessage(), e);
        }
    }

    /** DuckDB's one isolation level is snapshot isolation, whatever the mode asks; read-only is not enforced. */
    @Override
    public Optional<EngineTransaction> beginTransaction(EngineQuery first, TransactionMode mode) throws QueryException {
        try {
            return Optional.of(JdbcTransaction.begin(root.duplicate(), flavor, TransactionMode.DEFAULT));
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Cannot open a DuckDB connection: " + e.getMessage(), e);
        }
    }

    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        try (Connection connection = root.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1")) {
            return rs.next() ? ClusterHealth.healthy() : ClusterHealth.unhealthy("SELECT 1 returned no row");
        } catch (SQLException | RuntimeException e) {
            return ClusterHealth.unhealthy("SELECT 1 failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException ignored) {
            // Shutting down; nothing more to do with a database that will not close.
        }
    }
}
