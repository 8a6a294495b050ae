package io.queryflux.engine;

import java.util.List;
import java.util.OptionalLong;

/**
 * A pull-based, forward-only view of a statement's result. Rows are fetched from the engine as
 * the caller advances, never all at once; a caller that reads slowly slows the engine down.
 * Not thread-safe: one reader. Cancellation goes through {@link QueryExecution#cancel()}.
 */
public interface ResultCursor extends AutoCloseable {
    /** The result columns; empty for a statement that returns no rows. */
    List<Column> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws QueryException;

    /** The value of a column (0-based) of the current row, as {@link SqlType} documents. */
    Object value(int column) throws QueryException;

    /** Rows changed, for statements that report it (DML); empty for queries. */
    OptionalLong updateCount();

    /** Releases engine resources; safe to call twice. */
    @Override
    void close();
}
