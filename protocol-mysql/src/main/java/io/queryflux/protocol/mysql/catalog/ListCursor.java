package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ResultCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** A small result the proxy computes itself (variables, collations), held in memory. */
public final class ListCursor implements ResultCursor {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private int position = -1;

    public ListCursor(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rows = new ArrayList<>(requireNonNull(rows, "rows is null"));
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        position++;
        return position < rows.size();
    }

    @Override
    public Object value(int column) {
        return rows.get(position)[column];
    }

    /** Whether the result has no rows at all. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public OptionalLong updateCount() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return columns + " " + rows.stream().map(Arrays::toString).toList();
    }
}
