package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import java.util.List;
import java.util.OptionalLong;

/**
 * A cursor made by DECLARE: the started query behind it, read forward as FETCH and MOVE ask.
 * It keeps the query's group slot and engine connection until it is closed.
 */
final class DeclaredCursor implements AutoCloseable {
    private final Execution rows;
    /** Kept: the rows' cursor is closed once read to its end, and FETCH still describes them. */
    private final List<Column> columns;
    private final boolean withHold;
    /** Declared in a transaction that has not ended yet: a ROLLBACK takes even a held cursor. */
    private boolean uncommitted;
    private boolean ended;
    private boolean failed;
    /** Rows read so far: the number of the row the cursor is on (0: before the first). */
    private long position;

    DeclaredCursor(Execution rows, boolean withHold, boolean inTransaction) {
        this.rows = requireNonNull(rows, "rows is null");
        this.columns = rows.columns();
        this.withHold = withHold;
        this.uncommitted = inTransaction;
    }

    Execution rows() {
        return rows;
    }

    List<Column> columns() {
        return columns;
    }

    /** The number of the row the cursor is on: 0 before the first. */
    long position() {
        return position;
    }

    /**
     * The transaction ended: a cursor WITH HOLD outlives it unless it was declared in it and it
     * rolled back; any other is closed. Returns whether the cursor is still open.
     */
    boolean outlives(boolean committed) {
        if (!withHold || (uncommitted && !committed)) {
            close();
            return false;
        }
        uncommitted = false;
        return true;
    }

    /**
     * The next {@code limit} rows as a cursor of their own; closing it leaves this one open.
     * An engine error while reading closes this one: PostgreSQL's portal fails with it too.
     */
    ResultCursor window(long limit) {
        return new ResultCursor() {
            private long read;

            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public boolean next() throws QueryException {
                if (read >= limit || !advance()) {
                    return false;
                }
                read++;
                return true;
            }

            @Override
            public Object value(int column) throws QueryException {
                return rows.cursor().value(column);
            }

            @Override
            public OptionalLong updateCount() {
                return OptionalLong.empty();
            }

            @Override
            public void close() {
                // the rows stay with the declared cursor
            }
        };
    }

    /** Skips up to {@code limit} rows; returns how many there were. */
    long skip(long limit) throws QueryException {
        long skipped = 0;
        while (skipped < limit && advance()) {
            skipped++;
        }
        return skipped;
    }

    private boolean advance() throws QueryException {
        if (failed) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "cursor cannot be run: it failed earlier", "55000",
                    null);
        }
        if (ended) {
            return false;
        }
        try {
            ended = !rows.cursor().next();
        } catch (QueryException | RuntimeException e) {
            failed = true;
            close();
            throw e;
        }
        if (ended) {
            rows.close(); // read to its end: the group slot and engine connection go back now
        } else {
            position++;
        }
        return !ended;
    }

    @Override
    public void close() {
        ended = true;
        rows.close();
    }
}
