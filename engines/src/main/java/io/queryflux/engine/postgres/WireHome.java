package io.queryflux.engine.postgres;

import io.queryflux.engine.QueryException;
import java.io.IOException;

/**
 * Where a forwarded statement's connection comes from and goes back to: the engine's pool, or
 * a transaction block that keeps the connection between its statements.
 */
interface WireHome {
    /**
     * The statement was sent; called before its answer is read. A block whose BEGIN went with its
     * first statement reads BEGIN's answer here.
     */
    default void sent(PgWireConnection connection) throws IOException, QueryException {}

    /** The statement is done with the connection (its response read to ReadyForQuery, or the connection broken). */
    void release(PgWireConnection connection);

    /**
     * A fresh connection in place of one found dead before PostgreSQL read anything, on which the
     * statement is sent again; a block refuses (its transaction died with the connection).
     */
    PgWireConnection replace(PgWireConnection dead) throws QueryException;

    /**
     * Whether a result abandoned before its end is cancelled; else it is read to its end, since in
     * a transaction block a cancelled statement aborts the block.
     */
    boolean cancelsAbandoned();

    /**
     * Whether a statement commits as it runs (autocommit), so one that writes must never be sent
     * twice; in a block a lost connection takes the uncommitted statement with it.
     */
    boolean commitsEachStatement();

    /**
     * Whether the statement's rows, asked for forwarded, come over these connections as PostgreSQL
     * sends them (else the engine reads them through pgjdbc, and the caller encodes them).
     */
    boolean forwardsRowsOf(String sql);
}
