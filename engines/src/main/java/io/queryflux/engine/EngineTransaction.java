package io.queryflux.engine;

/**
 * A transaction on one engine connection, held from a client's BEGIN to its COMMIT or ROLLBACK:
 * its statements see each other's uncommitted writes and temporary tables, and a rollback undoes
 * them. Statements run one at a time, on the client's thread; {@link QueryExecution#cancel()}
 * of the running one may come from any thread.
 */
public interface EngineTransaction extends AutoCloseable {
    /**
     * Prepares a statement that runs in the transaction. Its {@link QueryExecution#close()} ends
     * the statement, not the transaction. Requests that need a connection of the engine's own
     * protocol (a describe-only request, COPY FROM STDIN) are refused with
     * {@link ErrorCode#NOT_SUPPORTED}; the result comes as decoded rows.
     */
    QueryExecution prepare(EngineQuery query) throws QueryException;

    /**
     * Whether it takes a describe-only request ({@link PgWireDescription}) for any statement, as a
     * {@link Engine#describesStatements() describing} engine does outside a block.
     */
    default boolean describesStatements() {
        return false;
    }

    /** Whether SAVEPOINT, RELEASE and ROLLBACK TO work in it (DuckDB has none). */
    default boolean hasSavepoints() {
        return true;
    }

    /** Commits; the transaction is over whether or not this succeeds. */
    void commit() throws QueryException;

    /** Rolls back; the transaction is over whether or not this succeeds. */
    void rollback() throws QueryException;

    /** Rolls back what is not committed yet and gives the connection back; safe to call twice. */
    @Override
    void close();
}
