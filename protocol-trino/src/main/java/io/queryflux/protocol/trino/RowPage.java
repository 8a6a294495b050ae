package io.queryflux.protocol.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of rows read from a cursor and encoded as a JSON array. Reading stops at the row
 * limit or once the encoded rows pass the byte target, so a page is bounded and the engine is
 * only asked for rows a client has polled for.
 *
 * @param json the rows as a JSON array
 * @param rows how many rows the page holds
 * @param bytes the encoded size
 * @param last whether the cursor is exhausted
 */
record RowPage(String json, int rows, long bytes, boolean last) {
    /**
     * The upstream's next page as it came (one upstream page per client page, Trino's own page
     * size), or an empty last page once the upstream has no more.
     */
    static RowPage raw(RawPassthrough raw) throws QueryException {
        return raw.nextRawRows()
                .map(rows -> new RowPage(rows.json(), rows.rows(), rows.json().length(), false))
                .orElseGet(() -> new RowPage("[]", 0, 2, true));
    }

    static RowPage read(ResultCursor cursor, int maxRows, int targetBytes) throws QueryException {
        List<Column> columns = cursor.columns();
        SqlType[] types = columns.stream().map(Column::type).toArray(SqlType[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(targetBytes, 64 * 1024) + 1024);
        int rows = 0;
        boolean last = false;
        try (JsonGenerator json = QueryResults.JSON.createGenerator(out)) {
            json.writeStartArray();
            while (rows < maxRows && out.size() + json.getOutputBuffered() < targetBytes) {
                if (!cursor.next()) {
                    last = true;
                    break;
                }
                json.writeStartArray();
                for (int i = 0; i < types.length; i++) {
                    JsonValues.write(json, cursor.value(i), types[i]);
                }
                json.writeEndArray();
                rows++;
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RowPage(out.toString(StandardCharsets.UTF_8), rows, out.size(), last);
    }
}
