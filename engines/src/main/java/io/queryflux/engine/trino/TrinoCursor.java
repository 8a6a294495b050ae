package io.queryflux.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rows of one Trino query, one page in memory at a time. As a {@link RawPassthrough} it hands
 * Trino's own {@code columns} and {@code data} JSON to a Trino HTTP frontend undecoded.
 */
final class TrinoCursor implements ResultCursor, RawPassthrough {
    private static final JsonNode NO_ROWS = JsonNodeFactory.instance.arrayNode();

    private final TrinoExecution execution;
    private final List<Column> columns;
    private final TrinoValues.Decoder[] decoders;
    private final OptionalLong updateCount;
    private final JsonNode rawColumns;
    private JsonNode rows;
    private int index = -1;
    private boolean rawPages;
    private JsonNode row;

    private TrinoCursor(TrinoExecution execution, JsonNode rawColumns, JsonNode rows, OptionalLong updateCount) {
        List<Column> columns = columnsOf(rawColumns);
        this.execution = execution;
        this.rawColumns = rawColumns;
        this.columns = List.copyOf(columns);
        this.decoders = columns.stream().map(c -> TrinoValues.decoder(c.type())).toArray(TrinoValues.Decoder[]::new);
        this.rows = rows;
        this.updateCount = updateCount;
    }

    /** A cursor starting at the first page that carries the columns. */
    TrinoCursor(TrinoExecution execution, TrinoPage first) {
        this(execution, first.columns().orElse(NO_ROWS), first.data(), OptionalLong.empty());
    }

    static TrinoCursor updateCount(long count) {
        return new TrinoCursor(null, NO_ROWS, NO_ROWS, OptionalLong.of(count));
    }

    private static List<Column> columnsOf(JsonNode json) {
        List<Column> columns = new ArrayList<>(json.size());
        for (JsonNode column : json) {
            SqlType type = TrinoTypes.fromSignature(column.path("typeSignature"));
            columns.add(new Column(column.path("name").asText(), type));
        }
        return columns;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws QueryException {
        if (rawPages) {
            throw new IllegalStateException("next() after nextRawRows()");
        }
        index++;
        while (index >= rows.size()) {
            TrinoPage page = execution == null ? null : execution.nextPage();
            if (page == null) {
                row = null;
                return false;
            }
            rows = page.data();
            index = 0;
        }
        row = rows.get(index);
        return true;
    }

    @Override
    public Object value(int column) throws QueryException {
        if (row == null) {
            throw new IllegalStateException("No current row");
        }
        try {
            return decoders[column].decode(row.get(column));
        } catch (RuntimeException e) {
            throw new QueryException(
                    ErrorCode.GENERIC_INTERNAL_ERROR,
                    "Cannot decode column " + columns.get(column).name() + " of type " + columns.get(column).type()
                            + " from Trino value " + row.get(column) + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String format() {
        return TRINO_JSON;
    }

    @Override
    public String rawColumns() {
        return rawColumns.toString();
    }

    @Override
    public Optional<RawRows> nextRawRows() throws QueryException {
        if (index >= 0) {
            throw new IllegalStateException("nextRawRows() after next()");
        }
        rawPages = true;
        // The first page's rows (often none) have not been handed out yet.
        JsonNode pending = rows;
        rows = NO_ROWS;
        while (pending.isEmpty()) {
            TrinoPage page = execution == null ? null : execution.nextPage();
            if (page == null) {
                return Optional.empty();
            }
            pending = page.data();
        }
        return Optional.of(new RawRows(pending.toString(), pending.size()));
    }

    @Override
    public OptionalLong updateCount() {
        return updateCount;
    }

    @Override
    public void close() {
        if (execution != null) {
            execution.close();
        }
    }
}
