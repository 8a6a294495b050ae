package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.ResultCursor;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/** A cursor over a small list of rows the frontend built itself (catalog metadata). */
final class ListCursor implements ResultCursor {
    private final Iterator<List<Object>> rows;
    private List<Object> current;

    ListCursor(List<List<Object>> rows) {
        this.rows = requireNonNull(rows, "rows is null").iterator();
    }

    @Override
    public List<Column> columns() {
        throw new UnsupportedOperationException("a metadata cursor is streamed with its Flight SQL schema");
    }

    @Override
    public boolean next() {
        current = rows.hasNext() ? rows.next() : null;
        return current != null;
    }

    @Override
    public Object value(int column) {
        return current.get(column);
    }

    @Override
    public OptionalLong updateCount() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {}
}
