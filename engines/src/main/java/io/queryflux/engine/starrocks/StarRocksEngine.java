package io.queryflux.engine.starrocks;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.jdbc.JdbcExecution;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A StarRocks cluster reached over the MySQL protocol: Connector/J connections from a HikariCP
 * pool, one per running query. Cancelling a query calls {@code Statement.cancel()}, which
 * Connector/J implements by sending {@code KILL QUERY <connection id>} on a second connection.
 */
public final class StarRocksEngine implements Engine {
    private final HikariDataSource pool;
    private final StarRocksFlavor flavor;

    StarRocksEngine(HikariDataSource pool, StarRocksFlavor flavor) {
        this.pool = requireNonNull(pool, "pool is null");
        this.flavor = requireNonNull(flavor, "flavor is null");
    }

    @Override
    public EngineType type() {
        return EngineType.STARROCKS;
    }

    @Override
    public Optional<String> defaultSchema() {
        return flavor.defaultDatabase();
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        try {
            return new JdbcExecution(pool.getConnection(), query, flavor);
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.EXTERNAL_ERROR,
                    "Cannot get a StarRocks connection from the pool: " + e.getMessage(), e);
        }
    }

    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                return rs.next() ? ClusterHealth.healthy() : ClusterHealth.unhealthy("SELECT 1 returned no row");
            }
        } catch (SQLException | RuntimeException e) {
            return ClusterHealth.unhealthy("SELECT 1 failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
