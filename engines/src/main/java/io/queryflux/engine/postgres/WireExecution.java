package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.PgWireRows.Message;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A statement the PostgreSQL frontend forwards, on one of the engine's own connections, sent as
 * its {@link WireRequest} says: a query or a statement with RETURNING (a simple Query, or Parse,
 * Bind with the client's result formats, Describe, Execute, Sync), whose RowDescription and
 * DataRows are handed over as PostgreSQL sent them; a COPY FROM STDIN fed with the client's data; or a Parse and Describe
 * that runs nothing. Rows are read from the socket only as the client takes them, so a slow
 * client slows PostgreSQL down (as through pgbouncer) and nothing is held in memory. The
 * connection goes back to the pool (or stays with its transaction block) at ReadyForQuery; a result
 * abandoned early is cancelled (a COPY failed; in a block, not cancelled) and drained first, so
 * the next statement on that connection starts clean.
 */
final class WireExecution implements QueryExecution {
    private final WireHome home;
    private final String sql;
    private final WireRequest request;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    /**
     * Held while a cancel is sent and while the connection is given back, so no cancel is sent for a
     * connection already back in the pool (one sent just before may still land late, as with libpq).
     */
    private final ReentrantLock handOver = new ReentrantLock();
    private volatile PgWireConnection connection;
    private boolean atReady;
    /** Something was sent: only then is there an answer to read to ReadyForQuery. */
    private boolean sent;
    /** PostgreSQL waits for COPY data: an abandoned COPY is ended with CopyFail, not a cancel. */
    private boolean copying;
    /** Notices PostgreSQL sent before the rows' description, passed on first. */
    private final Deque<Message> earlyNotices = new ArrayDeque<>(0);

    WireExecution(WireHome home, PgWireConnection connection, String sql, WireRequest request) {
        this.home = requireNonNull(home, "home is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.request = requireNonNull(request, "request is null");
    }

    /** Whether the statement is done with its connection. */
    boolean released() {
        return released.get();
    }

    @Override
    public ResultCursor run() throws QueryException {
        if (cancelled.get()) {
            close();
            throw canceled();
        }
        Message first;
        try {
            first = send();
        } catch (IOException e) {
            throw lostConnection(e); // nothing to cancel on a connection that is gone
        }
        if (request instanceof WireRequest.DescribeOnly) {
            return described(first);
        }
        return switch (first.type()) {
            case 'T' -> new Rows(first.body());
            case 'G' -> {
                copying = true;
                yield new CopyIn(first.body());
            }
            default -> {
                // CommandComplete or EmptyQueryResponse: a statement without rows.
                String tag = first.type() == 'C' ? tagOf(first.body()) : "";
                drain();
                yield new Rows(tag);
            }
        };
    }

    /**
     * Sends the query and reads up to its first answer. A pooled connection that PostgreSQL
     * closed while it idled fails before PostgreSQL has read anything, so a statement that may
     * safely run twice is sent once more on a fresh connection: a plain query, a description, a
     * COPY (which waits for its data before it writes), any statement of a block (whose lost
     * connection took the uncommitted work with it; the block decides whether it can start over).
     * A statement that writes in autocommit is not: its first answer comes only after it ran and
     * committed, and the connection may have died after that.
     */
    private Message send() throws IOException, QueryException {
        try {
            sendOn(connection);
            home.sent(connection);
            return firstAnswer();
        } catch (IOException e) {
            if (home.commitsEachStatement() && !(request instanceof WireRequest.DescribeOnly)
                    && !PostgresExecution.runsTwiceSafely(sql)) {
                connection.markBroken();
                release();
                throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Lost the PostgreSQL connection after the statement"
                        + " was sent; whether it ran is unknown, so it is not sent again: " + e.getMessage(), "08007", e);
            }
            connection = home.replace(connection);
            sendOn(connection);
            home.sent(connection);
            return firstAnswer();
        }
    }

    private void sendOn(PgWireConnection target) throws IOException {
        sent = true;
        switch (request) {
            case WireRequest.Simple ignored -> target.sendQuery(sql);
            case WireRequest.InResultFormats extended -> target.sendExtended(sql, extended.formats());
            case WireRequest.DescribeOnly describe -> target.sendDescribe(sql, describe.parameterTypes());
        }
    }

    private Message firstAnswer() throws IOException, QueryException {
        while (true) {
            Message m = connection.read();
            switch (m.type()) {
                case 'T', 'C', 'I', 'G', 't' -> {
                    return m;
                }
                case 'E' -> {
                    QueryException error = PgWireConnection.errorResponse(m.body());
                    if (error.sqlState().startsWith("57P")) {
                        // The FATAL of a backend ended while the connection idled (terminated, shut
                        // down, idle-session timeout): a dead connection, whatever came first.
                        connection.markBroken();
                        throw new IOException("PostgreSQL ended the connection: " + error.getMessage());
                    }
                    throw failed(m);
                }
                case 'N' -> earlyNotices.add(m);
                default -> {
                    // ParseComplete, BindComplete, NoData (its CommandComplete follows), ParameterStatus,
                    // NotificationResponse: the proxy's session has its own
                }
            }
        }
    }

    /** Reads to ReadyForQuery, skipping whatever is left of the result, and releases the connection. */
    private void drain() {
        try {
            while (sent && !atReady) {
                if (connection.read().type() == 'Z') {
                    atReady = true;
                }
            }
        } catch (IOException e) {
            connection.markBroken();
        }
        release();
    }

    /** After ParameterDescription: RowDescription or NoData, then ReadyForQuery; the connection goes back. */
    private ResultCursor described(Message parameters) throws QueryException {
        Message rows = readUntil("Tn");
        drain();
        return new Description(parameters.body(), rows.type() == 'T' ? rows.body() : null, home.forwardsRowsOf(sql));
    }

    private static String tagOf(byte[] commandComplete) {
        return PgWireConnection.text(commandComplete, 0).replace("\0", "");
    }

    /** The error PostgreSQL reported; the rest of the response is read so the connection can be reused. */
    private QueryException failed(Message error) {
        QueryException reported = PgWireConnection.errorResponse(error.body());
        drain();
        return cancelled.get() ? canceled() : reported;
    }

    private QueryException lost(IOException e) {
        return cancelled.get() ? canceled() : new QueryException(ErrorCode.EXTERNAL_ERROR,
                "Lost the PostgreSQL connection: " + e.getMessage(), e);
    }

    private static QueryException canceled() {
        return new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    @Override
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        handOver.lock();
        try {
            if (!released.get()) {
                connection.cancel();
            }
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the query may have finished meanwhile.
        } finally {
            handOver.unlock();
        }
    }

    @Override
    public void close() {
        if (released.get()) {
            return;
        }
        if (copying) {
            try {
                endCopy("the client went away");
            } catch (QueryException expected) {
                // PostgreSQL reports the CopyFail it was sent; the connection is ready again
            }
        } else if (!atReady) {
            // Abandoned mid-result: stop PostgreSQL sending the rest before draining it, unless a
            // cancel would abort the transaction block the statement runs in, or a statement that
            // writes (PostgreSQL runs it to its end and commits it when a client closes its portal).
            if (home.cancelsAbandoned() && PostgresExecution.runsTwiceSafely(sql)) {
                cancel();
            }
            drain();
        }
        release();
    }

    private void release() {
        handOver.lock();
        try {
            if (released.compareAndSet(false, true)) {
                home.release(connection);
            }
        } finally {
            handOver.unlock();
        }
    }

    /**
     * Ends COPY FROM STDIN with CopyDone (null failure) or CopyFail and reads PostgreSQL's answer
     * to ReadyForQuery.
     *
     * @return the CommandComplete tag
     * @throws QueryException PostgreSQL's error (for a CopyFail, the one that reports it)
     */
    private String endCopy(String failure) throws QueryException {
        copying = false;
        try {
            connection.sendCopyEnd(failure);
        } catch (IOException e) {
            throw lostConnection(e);
        }
        return tagOf(readUntil("").body());
    }

    /**
     * Reads on to the next message of one of the {@code wanted} types, or to CommandComplete,
     * which is returned once the rest is read to ReadyForQuery. PostgreSQL's error is thrown once
     * the response is read; other messages (ParameterStatus, NotificationResponse, unwanted
     * notices) are skipped.
     */
    private Message readUntil(String wanted) throws QueryException {
        try {
            while (true) {
                Message m = connection.read();
                if (wanted.indexOf(m.type()) >= 0) {
                    return m;
                }
                if (m.type() == 'C') {
                    drain();
                    return m;
                }
                if (m.type() == 'E') {
                    throw failed(m);
                }
            }
        } catch (IOException e) {
            throw lostConnection(e);
        }
    }

    private QueryException lostConnection(IOException e) {
        connection.markBroken();
        copying = false;
        release();
        return lost(e);
    }

    /** COPY FROM STDIN under way: the client's data written through to PostgreSQL. */
    private final class CopyIn extends WireCursor implements PgWireCopyIn {
        private final byte[] copyInResponse;

        CopyIn(byte[] copyInResponse) {
            this.copyInResponse = copyInResponse;
        }

        @Override
        public byte[] copyInResponse() {
            return copyInResponse;
        }

        @Override
        public void copyData(byte[] data) throws QueryException {
            try {
                connection.sendCopyData(data);
            } catch (IOException e) {
                throw lostConnection(e);
            }
        }

        @Override
        public String copyDone() throws QueryException {
            return endCopy(null);
        }

        @Override
        public QueryException copyFail(String reason) {
            try {
                endCopy(reason);
                return new QueryException(ErrorCode.GENERIC_USER_ERROR, "COPY from stdin failed: " + reason, "57014", null);
            } catch (QueryException e) {
                return e;
            }
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }
    }

    /** PostgreSQL's description of a statement; nothing ran. */
    private final class Description extends WireCursor implements PgWireDescription {
        private final byte[] parameterDescription;
        private final byte[] rowDescription;
        private final boolean rowsForwarded;

        Description(byte[] parameterDescription, byte[] rowDescription, boolean rowsForwarded) {
            this.parameterDescription = parameterDescription;
            this.rowDescription = rowDescription;
            this.rowsForwarded = rowsForwarded;
        }

        @Override
        public boolean rowsForwarded() {
            return rowsForwarded;
        }

        @Override
        public byte[] parameterDescription() {
            return parameterDescription;
        }

        @Override
        public byte[] rowDescription() {
            return rowDescription;
        }

        @Override
        public List<Column> columns() {
            return rowDescription == null ? List.of() : PgOids.columns(rowDescription);
        }
    }

    /** A cursor read only through its PostgreSQL capability; closing it ends the execution. */
    private abstract class WireCursor implements ResultCursor {
        @Override
        public boolean next() {
            throw new IllegalStateException("a forwarded PostgreSQL result is read through its PostgreSQL capability");
        }

        @Override
        public Object value(int column) {
            throw new IllegalStateException("a forwarded PostgreSQL result is read through its PostgreSQL capability");
        }

        @Override
        public OptionalLong updateCount() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
            WireExecution.this.close();
        }
    }

    /** The result: rows forwarded as PostgreSQL sent them, or a statement's tag. */
    private final class Rows extends WireCursor implements PgWireRows {
        private final byte[] rowDescription;
        private List<Column> columns;
        private String tag;

        Rows(byte[] rowDescription) {
            this.rowDescription = rowDescription;
        }

        Rows(String tag) {
            this.rowDescription = null;
            this.columns = List.of();
            this.tag = tag;
        }

        @Override
        public byte[] rowDescription() {
            return rowDescription;
        }

        @Override
        public Message nextMessage() throws QueryException {
            if (!earlyNotices.isEmpty()) {
                return earlyNotices.poll();
            }
            if (tag != null) {
                return null;
            }
            Message m = readUntil("DN");
            if (m.type() == 'C') {
                tag = tagOf(m.body());
                return null;
            }
            return m;
        }

        @Override
        public String commandTag() {
            return tag == null ? "" : tag;
        }

        /** Typed only when asked: the frontend forwards the RowDescription as it is. */
        @Override
        public List<Column> columns() {
            if (columns == null) {
                columns = PgOids.columns(rowDescription);
            }
            return columns;
        }
    }
}
