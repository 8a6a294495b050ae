package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ResultCursor;
import java.util.List;
import java.util.OptionalLong;

/**
 * A result that was read completely because it fit in one fetch (at most the engine's fetch
 * size), or a statement's update count, so its connection could go back to the pool before the
 * client reads it.
 */
final class SmallResult implements ResultCursor {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final OptionalLong updateCount;
    private int next;
    private Object[] current;

    SmallResult(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rows = requireNonNull(rows, "rows is null");
        this.updateCount = OptionalLong.empty();
    }

    private SmallResult(long updateCount) {
        this.columns = List.of();
        this.rows = List.of();
        this.updateCount = updateCount < 0 ? OptionalLong.empty() : OptionalLong.of(updateCount);
    }

    static SmallResult updateCount(long count) {
        return new SmallResult(count);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (next >= rows.size()) {
            current = null;
            return false;
        }
        current = rows.get(next++);
        return true;
    }

    @Override
    public Object value(int column) {
        if (current == null) {
            throw new IllegalStateException("no current row");
        }
        return current[column];
    }

    @Override
    public OptionalLong updateCount() {
        return updateCount;
    }

    @Override
    public void close() {
        current = null;
    }
}
