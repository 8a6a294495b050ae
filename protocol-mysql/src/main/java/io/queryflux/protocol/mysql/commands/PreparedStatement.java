package io.queryflux.protocol.mysql.commands;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.ResultCursor;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server-side prepared statement. Engines take no parameters, so execution renders the
 * bound values as SQL literals into the text at the {@code ?} positions. A statement executed
 * with a cursor flag keeps its query open between COM_STMT_FETCH calls.
 */
final class PreparedStatement {
    /** An open server-side cursor: the query, its cursor, and a row read ahead to detect the end. */
    static final class OpenCursor {
        final RunningQuery query;
        final ResultCursor cursor;
        final List<MySqlColumnType> types;
        Object[] pendingRow;

        OpenCursor(RunningQuery query, ResultCursor cursor, List<MySqlColumnType> types) {
            this.query = query;
            this.cursor = cursor;
            this.types = types;
        }
    }

    private final long id;
    private final String sql;
    private final List<Integer> placeholders;
    private final Map<Integer, ByteArrayOutputStream> longData = new HashMap<>();
    private int[] boundTypes;
    private OpenCursor cursor;

    PreparedStatement(long id, String sql) {
        this.id = id;
        this.sql = requireNonNull(sql, "sql is null");
        this.placeholders = SqlScanner.placeholders(sql);
    }

    long id() {
        return id;
    }

    String sql() {
        return sql;
    }

    int parameterCount() {
        return placeholders.size();
    }

    List<Integer> placeholders() {
        return placeholders;
    }

    int[] boundTypes() {
        return boundTypes;
    }

    void bindTypes(int[] types) {
        boundTypes = types;
    }

    void appendLongData(int parameter, byte[] data) {
        longData.computeIfAbsent(parameter, p -> new ByteArrayOutputStream()).writeBytes(data);
    }

    Map<Integer, ByteArrayOutputStream> longData() {
        return longData;
    }

    OpenCursor cursor() {
        return cursor;
    }

    void cursor(OpenCursor open) {
        cursor = open;
    }
}
