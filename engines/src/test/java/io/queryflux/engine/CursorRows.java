package io.queryflux.engine;

import java.util.ArrayList;
import java.util.List;

/** Reads a cursor to its end, for the engine tests. */
public final class CursorRows {
    private CursorRows() {}

    /** Every row left, each as its column values. */
    public static List<List<Object>> readAll(ResultCursor cursor) throws QueryException {
        List<List<Object>> rows = new ArrayList<>();
        while (cursor.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < cursor.columns().size(); i++) {
                row.add(cursor.value(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
