package io.queryflux.engine.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.TransactionMode;
import io.queryflux.engine.jdbc.JdbcTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL cluster reached through a HikariCP pool of pgjdbc connections. Each query holds
 * one pooled connection until its result is read; short results of plain queries run in
 * autocommit, larger ones and all other statements in a transaction that streams through a
 * cursor and is committed when the query is closed ({@link PostgresExecution}). Statements that
 * return rows (queries, RETURNING) from the PostgreSQL frontend skip pgjdbc: they run on the
 * engine's own wire connections and their rows are forwarded as PostgreSQL sent them
 * ({@link WireExecution}). A client's transaction
 * block holds one connection from its first statement to its end ({@link #beginTransaction}).
 */
public final class PostgresEngine implements Engine {
    private final HikariDataSource pool;
    private final PostgresFlavor flavor;
    private final Optional<PgWirePool> wire;
    private volatile String serverVersion;

    private PostgresEngine(HikariDataSource pool, PostgresFlavor flavor, Optional<PgWirePool> wire) {
        this.pool = pool;
        this.flavor = flavor;
        this.wire = wire;
    }

    static PostgresEngine start(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("queryflux-postgres-" + settings.clusterName());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Duration.ofSeconds(settings.connectTimeoutSecs()).toMillis());
        // Starting without a reachable server is allowed: health checks report it.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "queryflux");
        config.addDataSourceProperty("connectTimeout", Integer.toString(settings.connectTimeoutSecs()));
        settings.tls().configure(config);
        return new PostgresEngine(new HikariDataSource(config), new PostgresFlavor(settings.fetchSize(), settings.shortQueriesFirst()),
                settings.forwardWire() ? Optional.of(new PgWirePool(settings)) : Optional.empty());
    }

    @Override
    public EngineType type() {
        return EngineType.POSTGRES;
    }

    @Override
    public Optional<String> defaultSchema() {
        return Optional.of("public");
    }

    /**
     * Any statement, over its own connections (through pgjdbc it would run). The RowDescription is
     * of the rows PostgreSQL sends, which reach the client as they are only for forwarded statements.
     */
    @Override
    public boolean describesStatements() {
        return wire.isPresent();
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        Optional<WireRequest> request = WireRequest.of(query.forwardFormats());
        boolean ownConnection = wire.isPresent() && query.schema().isEmpty();
        if (request.orElse(null) instanceof WireRequest.DescribeOnly) {
            // Through pgjdbc the statement would run. Refused, the caller describes it otherwise.
            if (!ownConnection) {
                throw new QueryException(ErrorCode.NOT_SUPPORTED, "this cluster does not describe this statement itself");
            }
            return new WireExecution(wire.get(), wire.get().borrow(), query.sql(), request.get());
        }
        if (query.forwardFormats().contains(PgWireCopyIn.FORMAT) && !ownConnection) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "COPY FROM STDIN needs the postgres engine's forwardWire"
                    + " setting and no session schema");
        }
        if (wire.isPresent() && request.isPresent() && forwardable(query)) {
            return new WireExecution(wire.get(), wire.get().borrow(), query.sql(), request.get());
        }
        return new PostgresExecution(pooledConnection(), query, flavor);
    }

    /**
     * On one of its own connections when the block's first statement asks for forwarded rows (the
     * PostgreSQL frontend, in a session that prints as the engine's connections do): the block's
     * results are then PostgreSQL's own, as outside a block. Else on a pgjdbc connection, whose
     * results come decoded.
     */
    @Override
    public Optional<EngineTransaction> beginTransaction(EngineQuery first, TransactionMode mode) throws QueryException {
        if (wire.isPresent() && WireRequest.of(first.forwardFormats()).isPresent()) {
            return Optional.of(WireTransaction.begin(wire.get(), mode));
        }
        return Optional.of(JdbcTransaction.begin(pooledConnection(), flavor, mode));
    }

    private Connection pooledConnection() throws QueryException {
        try {
            Connection connection = pool.getConnection();
            learnVersion(connection);
            return connection;
        } catch (SQLException e) {
            // The pool's timeout says only that it waited; why connecting failed is in the cause.
            String why = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
            throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Cannot get a PostgreSQL connection from the pool: "
                    + e.getMessage() + why, e.getSQLState(), e);
        }
    }

    /**
     * A statement that returns rows (SELECT, VALUES, TABLE, WITH, RETURNING) whose rows the caller
     * forwards, or a COPY FROM STDIN it feeds; either in the connection's default schema (a session
     * schema needs SET LOCAL, so a transaction).
     */
    private static boolean forwardable(EngineQuery query) {
        return query.schema().isEmpty() && (query.forwardFormats().contains(PgWireCopyIn.FORMAT)
                || PostgresExecution.returnsRows(query.sql()));
    }

    /** Learnt from the first connection the health checker (which runs at start) or a query takes. */
    @Override
    public Optional<String> serverVersion() {
        return Optional.ofNullable(serverVersion);
    }

    /** What the server said in its ParameterStatus at connect (a map lookup, no query): the last one seen. */
    private void learnVersion(Connection connection) {
        try {
            String version = connection.unwrap(PGConnection.class).getParameterStatus("server_version");
            if (version != null && !version.equals(serverVersion)) {
                serverVersion = version; // written once, not on every borrow
            }
        } catch (SQLException e) {
            // Not a pgjdbc connection underneath: the version stays as it was.
        }
    }

    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        try (Connection connection = pool.getConnection()) {
            learnVersion(connection);
            int seconds = (int) Math.max(1, timeout.toSeconds());
            return connection.isValid(seconds) ? ClusterHealth.healthy()
                    : ClusterHealth.unhealthy("connection did not answer within " + seconds + "s");
        } catch (SQLException | RuntimeException e) {
            return ClusterHealth.unhealthy("cannot connect: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        wire.ifPresent(PgWirePool::close);
        pool.close();
    }
}
