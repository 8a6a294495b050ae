package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.TransactionMode;
import java.io.IOException;

/**
 * A client's transaction block on one of the engine's own connections, for the PostgreSQL
 * frontend: BEGIN, sent with the block's first statement (one write, no round trip of its own), then each statement of the block forwarded as plain queries are
 * outside a block (rows as PostgreSQL sent them, statements of every kind, describes, COPY FROM
 * STDIN), and COMMIT or ROLLBACK at its end. The connection carries one result at a time: a
 * statement sent while an earlier result of the block is still being read is refused, since its
 * unread rows are in the connection's socket.
 */
final class WireTransaction implements EngineTransaction, WireHome {
    /** Back to the connection's own settings (those it was started with). */
    private static final String RESET_SESSION = "SET LOCAL search_path TO DEFAULT; SET LOCAL TimeZone TO DEFAULT;"
            + " SET LOCAL DateStyle TO DEFAULT; SET LOCAL IntervalStyle TO DEFAULT";
    private final PgWirePool pool;
    /** The block's BEGIN statement, with its isolation level and access mode. */
    private final String begin;
    private PgWireConnection connection;
    /** The statement whose response is on the connection, until it has been read to its end. */
    private WireExecution current;
    /** The search_path set for the block (SET LOCAL); empty: the connection's default. */
    /**
     * The SET LOCALs the block's session needs now (search_path, and the client's TimeZone,
     * DateStyle, IntervalStyle when they differ from the connection's); empty: the connection's own.
     */
    private String sessionApplied = "";
    /** A ROLLBACK TO may have undone the block's SET LOCALs: send them again. */
    private boolean sessionUndone;
    /** BEGIN is written or sent, its answer not read yet. */
    private boolean beginPending;
    private boolean ended;
    private boolean closed;

    private WireTransaction(PgWirePool pool, PgWireConnection connection, String begin) {
        this.pool = pool;
        this.connection = connection;
        this.begin = begin;
    }

    /**
     * {@code BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY}, or as much of it as the mode says,
     * then the savepoints taken before: one Query, answered before the first statement's.
     */
    static String begin(TransactionMode mode) {
        StringBuilder sql = new StringBuilder("BEGIN");
        mode.isolation().ifPresent(level -> sql.append(" ISOLATION LEVEL ").append(level.sql()));
        if (mode.readOnly()) {
            sql.append(mode.isolation().isPresent() ? ", READ ONLY" : " READ ONLY");
        }
        mode.savepoints().forEach(name -> sql.append("; SAVEPOINT ").append(name));
        return sql.toString();
    }

    /** Borrows a connection from the pool and writes BEGIN on it, to go with the first statement. */
    static WireTransaction begin(PgWirePool pool, TransactionMode mode) throws QueryException {
        requireNonNull(pool, "pool is null");
        PgWireConnection connection = pool.borrow();
        WireTransaction transaction = new WireTransaction(pool, connection, begin(mode));
        try {
            transaction.queueBegin();
            return transaction;
        } catch (IOException e) {
            connection.markBroken();
            pool.release(connection);
            throw lost(e);
        }
    }

    private void queueBegin() throws IOException {
        connection.queueQuery(begin);
        beginPending = true;
    }

    @Override
    public synchronized QueryExecution prepare(EngineQuery query) throws QueryException {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        WireRequest request = WireRequest.of(query.forwardFormats()).orElseThrow(() -> new QueryException(
                ErrorCode.NOT_SUPPORTED, "this statement cannot run inside a transaction block whose statements"
                        + " are forwarded from PostgreSQL: it needs rows the proxy decodes"));
        if (current != null && !current.released()) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "another result of this transaction block is still"
                    + " being read: QueryFlux forwards one result at a time on a block's PostgreSQL connection; read it"
                    + " to its end or close it before the next statement");
        }
        String session = sessionSql(query);
        if (!session.equals(sessionApplied) || sessionUndone && !session.isEmpty()) {
            run(session.isEmpty() ? RESET_SESSION : session);
            sessionApplied = session;
            sessionUndone = false;
        }
        // ROLLBACK TO a savepoint taken before our SET LOCALs undoes them.
        sessionUndone = !sessionApplied.isEmpty() && query.sql().stripLeading().regionMatches(true, 0, "ROLLBACK", 0, 8);
        current = new WireExecution(this, connection, query.sql(), request);
        return current;
    }

    /** The SET LOCALs for the query's schema and the client's printing settings; empty when it needs none. */
    private static String sessionSql(EngineQuery query) {
        StringBuilder sql = new StringBuilder();
        query.schema().ifPresent(schema -> sql.append("SET LOCAL search_path TO ").append(PostgresFlavor.quote(schema))
                .append("; "));
        PgWireRows.printingSettings(query.forwardFormats()).ifPresent(settings -> {
            sql.append("SET LOCAL TimeZone = ").append(literal(settings.get(0)))
                    .append("; SET LOCAL DateStyle = ").append(literal(settings.get(1)))
                    .append("; SET LOCAL IntervalStyle = ").append(literal(settings.get(2)));
        });
        return sql.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void commit() throws QueryException {
        end("COMMIT");
    }

    @Override
    public void rollback() throws QueryException {
        end("ROLLBACK");
    }

    private synchronized void end(String command) throws QueryException {
        if (ended) {
            return;
        }
        ended = true;
        if (current != null) {
            current.close(); // what is left of a result still open is read, not cancelled
        }
        // PostgreSQL answers COMMIT of a transaction an error aborted with ROLLBACK, not an error: the
        // error came in a result the client closed before its end, so the client has not seen it.
        if (!run(command).equals(command)) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "the transaction block was rolled back, not"
                    + " committed: a statement of it failed in a result that was not read to its end", "40000", null);
        }
    }

    /** Runs a statement without rows; returns its command tag. */
    private String run(String sql) throws QueryException {
        try {
            connection.sendQuery(sql);
            sent(connection);
            return readCommand(connection);
        } catch (IOException e) {
            connection.markBroken();
            throw lost(e);
        }
    }

    /**
     * Reads a statement's response to ReadyForQuery, for a statement without rows, and returns its
     * command tag; PostgreSQL's error is thrown then.
     */
    private static String readCommand(PgWireConnection connection) throws IOException, QueryException {
        QueryException error = null;
        String tag = "";
        PgWireRows.Message m;
        while ((m = connection.read()).type() != 'Z') {
            if (m.type() == 'E' && error == null) {
                error = PgWireConnection.errorResponse(m.body());
            } else if (m.type() == 'C') {
                tag = PgWireConnection.text(m.body(), 0).replace("\0", "");
            }
        }
        if (error != null) {
            throw error;
        }
        return tag;
    }

    private static QueryException lost(IOException e) {
        return new QueryException(ErrorCode.EXTERNAL_ERROR, "Lost the PostgreSQL connection of the transaction block,"
                + " which is rolled back: " + e.getMessage(), e);
    }

    /** BEGIN's answer comes first: read it before the statement's. */
    @Override
    public void sent(PgWireConnection on) throws IOException, QueryException {
        if (beginPending) {
            // An IOException leaves BEGIN pending: PostgreSQL rolled back whatever it ran, and
            // replace() may start the block over.
            try {
                readCommand(on);
            } catch (QueryException e) {
                beginPending = false;
                on.markBroken(); // the statement's answer is still unread
                throw e;
            }
            beginPending = false;
        }
    }

    /** A statement is done with the connection: it stays with the block. */
    @Override
    public void release(PgWireConnection done) {}

    /**
     * A pooled connection PostgreSQL closed while it idled fails at the block's first send, before
     * anything was read: the block starts again on a fresh one. Later, the block died with it.
     */
    @Override
    public PgWireConnection replace(PgWireConnection dead) throws QueryException {
        dead.markBroken();
        if (!beginPending) {
            throw lost(new IOException("the connection closed"));
        }
        connection = pool.replace(dead);
        try {
            queueBegin();
        } catch (IOException e) {
            connection.markBroken();
            throw lost(e);
        }
        return connection;
    }

    @Override
    public boolean cancelsAbandoned() {
        return false;
    }

    @Override
    public boolean commitsEachStatement() {
        return false;
    }

    @Override
    public boolean describesStatements() {
        return true;
    }

    /** Every statement of a block runs on its connection. */
    @Override
    public boolean forwardsRowsOf(String sql) {
        return true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!connection.broken()) {
                end("ROLLBACK");
            }
        } catch (QueryException | RuntimeException e) {
            connection.markBroken(); // never pooled in an unknown state
        } finally {
            pool.release(connection);
        }
    }
}
