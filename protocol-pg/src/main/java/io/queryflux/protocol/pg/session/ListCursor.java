package io.queryflux.protocol.pg.session;

import io.queryflux.engine.Column;
import io.queryflux.engine.ResultCursor;
import java.util.List;
import java.util.OptionalLong;

/** A small result the proxy computed itself (SHOW, version(), catalog answers). */
public final class ListCursor implements ResultCursor {
    private final List<Column> columns;
    private final List<List<Object>> rows;
    private int index = -1;

    public ListCursor(List<Column> columns, List<List<Object>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    public static ListCursor empty() {
        return new ListCursor(List.of(), List.of());
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
}
