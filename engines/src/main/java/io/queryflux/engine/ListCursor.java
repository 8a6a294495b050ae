package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** A small result held in memory: what the proxy answers itself (SHOW, version(), catalog mirrors). */
public final class ListCursor implements ResultCursor {
    private final List<Column> columns;
    private final List<List<Object>> rows;
    private int index = -1;

    /** @param rows the rows, each as wide as {@code columns}; values may be null */
    public ListCursor(List<Column> columns, List<List<Object>> rows) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    /** Rows given as arrays. */
    public static ListCursor ofArrays(List<Column> columns, List<Object[]> rows) {
        return new ListCursor(columns, rows.stream().map(Arrays::asList).toList());
    }

    public static ListCursor empty() {
        return new ListCursor(List.of(), List.of());
    }

    /** Whether the result has no rows at all. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (index + 1 >= rows.size()) {
            index = rows.size();
            return false;
        }
        index++;
        return true;
    }

    @Override
    public Object value(int column) {
        return rows.get(index).get(column);
    }

    @Override
    public OptionalLong updateCount() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return columns + " " + rows;
    }
}
