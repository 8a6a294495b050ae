package io.queryflux.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * One configured cluster of some engine. Implementations are thread-safe: many queries run on
 * one engine at once, each through its own {@link QueryExecution}.
 */
public interface Engine extends AutoCloseable {
    EngineType type();

    /**
     * Prepares a statement without running it. Cheap: it may reserve a connection but does
     * not send the statement.
     */
    QueryExecution prepare(EngineQuery query) throws QueryException;

    /**
     * Whether {@link #prepare} takes a describe-only request ({@link PgWireDescription}) for a
     * statement in the connection's default schema. Asked before routing one there, so that an
     * engine that cannot describe is not sent a request bound to fail.
     */
    default boolean describesStatements() {
        return false;
    }

    /**
     * Whether {@link #prepare} answers a {@link StatementDescription#REQUEST} for any statement
     * with a {@link StatementDescription}, running nothing. The dispatcher refuses such a request
     * for an engine that does not, which would run it.
     */
    default boolean describesAnyStatement() {
        return false;
    }

    /**
     * The schema a query runs in when the client's session names none (DuckDB's {@code main},
     * PostgreSQL's {@code public}, a configured default); empty when the engine has none.
     */
    default Optional<String> defaultSchema() {
        return Optional.empty();
    }

    /**
     * Whether its information_schema is the SQL standard's in what frontends mirror for clients'
     * metadata calls beyond tables and columns: {@code table_constraints} and
     * {@code key_column_usage} list primary and unique keys, and {@code column_default} holds SQL
     * expressions (MySQL-family engines give a string default unquoted).
     */
    default boolean standardInformationSchema() {
        return false;
    }

    /**
     * Begins a transaction on a connection of its own, for a client's transaction block whose
     * first statement is {@code first} (not run here: it is prepared on the transaction next, and
     * says what kind of connection the block needs), in {@code mode} as far as the engine has it;
     * empty for engines without transactions (their statements autocommit, as outside a block).
     */
    default Optional<EngineTransaction> beginTransaction(EngineQuery first, TransactionMode mode)
            throws QueryException {
        return Optional.empty();
    }

    /**
     * The version its server reports (PostgreSQL's {@code server_version}), for a frontend that
     * speaks the engine's own protocol and passes its catalog through: clients choose their catalog
     * queries by it. Never blocks; empty while unknown (before a first connection).
     */
    default Optional<String> serverVersion() {
        return Optional.empty();
    }

    /** Probes the cluster; must return within about {@code timeout} and never throw. */
    ClusterHealth checkHealth(Duration timeout);

    /** Stops the engine client and frees its pools. */
    @Override
    void close();
}
