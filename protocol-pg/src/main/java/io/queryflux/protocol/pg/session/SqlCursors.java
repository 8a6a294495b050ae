package io.queryflux.protocol.pg.session;

import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.protocol.pg.sql.CursorStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connection's SQL cursors, held by the proxy: the query behind DECLARE is started once and
 * its rows are read as FETCH asks, so every engine serves cursors and nothing is buffered. They
 * follow PostgreSQL's lifetimes: a cursor ends with its transaction unless it is WITH HOLD (and
 * the transaction committed), and with the connection. Cursors are forward-only (NO SCROLL).
 * One connection thread uses it.
 */
final class SqlCursors {
    private final Map<String, DeclaredCursor> open = new HashMap<>();

    boolean contains(String name) {
        return open.containsKey(name);
    }

    void declare(String name, DeclaredCursor cursor) {
        open.put(name, cursor);
    }

    /**
     * FETCH: the next rows as a statement of their own, tagged {@code FETCH n}; MOVE: skips them.
     * {@code onDispatch} sees the cursor's query, so a CancelRequest meanwhile reaches it.
     */
    Execution fetch(CursorStatement.Fetch fetch, Consumer<RunningQuery> onDispatch) throws QueryException {
        DeclaredCursor cursor = cursor(fetch.name());
        // Rows to pass over first, then how many the statement reads: a NO SCROLL cursor only goes on.
        long ahead = switch (fetch.direction()) {
            case FORWARD -> 0;
            case ABSOLUTE -> fetch.count() - cursor.position() - 1;
            case RELATIVE -> fetch.count() - 1;
            case BACKWARD -> -1;
        };
        if (ahead < 0) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "cursor can only scan forward", "55000", null);
        }
        long rows = fetch.direction() == CursorStatement.Direction.FORWARD ? fetch.count() : 1;
        cursor.rows().query().ifPresent(onDispatch);
        cursor.skip(ahead);
        if (fetch.move()) {
            return Execution.done("MOVE " + cursor.skip(rows));
        }
        return Execution.readingFrom(cursor.window(rows), cursor.rows().query(), "FETCH");
    }

    /** The cursor's columns, for a Describe of a FETCH statement. */
    List<Column> columns(String name) throws QueryException {
        return cursor(name).columns();
    }

    Execution close(Optional<String> name) throws QueryException {
        if (name.isEmpty()) {
            closeAll();
            return Execution.done("CLOSE CURSOR ALL");
        }
        cursor(name.get()).close();
        open.remove(name.get());
        return Execution.done("CLOSE CURSOR");
    }

    /** A protocol Close of the cursor as a portal: no answer but CloseComplete, also when it is unknown. */
    void closeQuietly(String name) {
        DeclaredCursor cursor = open.remove(name);
        if (cursor != null) {
            cursor.close();
        }
    }

    /** At COMMIT or ROLLBACK: cursors that do not outlive it are closed. */
    void transactionEnded(boolean committed) {
        open.values().removeIf(cursor -> !cursor.outlives(committed));
    }

    void closeAll() {
        open.values().forEach(DeclaredCursor::close);
        open.clear();
    }

    private DeclaredCursor cursor(String name) throws QueryException {
        DeclaredCursor cursor = open.get(name);
        if (cursor == null) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "cursor \"" + name + "\" does not exist", "34000",
                    null);
        }
        return cursor;
    }

}
