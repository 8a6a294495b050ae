package io.queryflux.protocol.pg.catalog;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.protocol.pg.session.ListCursor;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** One mirror of an engine's tables and columns in a scratch in-memory DuckDB. */
final class ShadowCatalog implements AutoCloseable {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog");
    private static final int MAX_ROWS = 100_000;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private ShadowCatalog(Connection connection) {
        this.connection = connection;
    }

    static ShadowCatalog load(QueryDispatcher dispatcher, ClientSession session, Map<String, String> settings)
            throws QueryException {
        Map<String, SystemCatalogSchema.Relation> relations = new LinkedHashMap<>();
        for (List<Object> row : dispatcher.readRows(new QueryRequest(
                "SELECT table_schema, table_name, table_type FROM information_schema.tables", session), MAX_ROWS)) {
            String schema = (String) row.get(0);
            if (!SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                relations.putIfAbsent(schema + "\0" + row.get(1), new SystemCatalogSchema.Relation(schema, (String) row.get(1),
                        String.valueOf(row.get(2)).toUpperCase(Locale.ROOT).contains("VIEW"), new ArrayList<>()));
            }
        }
        for (List<Object> row : dispatcher.readRows(new QueryRequest(
                "SELECT table_schema, table_name, column_name, data_type, is_nullable FROM information_schema.columns"
                        + " ORDER BY table_schema, table_name, ordinal_position", session), MAX_ROWS)) {
            SystemCatalogSchema.Relation relation = relations.get(row.get(0) + "\0" + row.get(1));
            if (relation != null) {
                relation.columns().add(new String[] {(String) row.get(2), String.valueOf(row.get(3)),
                        String.valueOf(row.get(4))});
            }
        }
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                SystemCatalogSchema.create(connection, List.copyOf(relations.values()), session.user(),
                        session.header("database").orElse(session.user()), settings);
                // Unqualified pg_class, format_type() ... resolve to the mirror, not DuckDB's own.
                statement.execute("SET search_path = '" + SystemCatalogSchema.SCHEMA + "'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new ShadowCatalog(connection);
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "cannot build the catalog mirror: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the query; empty when this mirror has been closed meanwhile. */
    Optional<ResultCursor> query(String sql) throws QueryException {
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                return Optional.of(materialise(rs));
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new QueryException(message.startsWith("Parser Error") ? ErrorCode.SYNTAX_ERROR
                    : ErrorCode.NOT_SUPPORTED, "catalog query not supported by the proxy: " + message, e);
        } finally {
            lock.unlock();
        }
    }

    private static ResultCursor materialise(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int width = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            columns.add(new Column(meta.getColumnLabel(i), sqlType(meta.getColumnTypeName(i))));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next() && rows.size() < MAX_ROWS) {
            List<Object> row = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                row.add(value(rs, i + 1, columns.get(i).type()));
            }
            rows.add(row);
        }
        return new ListCursor(columns, rows);
    }

    private static SqlType sqlType(String duckDbType) {
        return switch (duckDbType.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> SqlType.BOOLEAN;
            case "TINYINT", "SMALLINT", "UTINYINT" -> SqlType.SMALLINT;
            case "INTEGER", "USMALLINT" -> SqlType.INTEGER;
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT" -> SqlType.BIGINT;
            case "FLOAT" -> SqlType.REAL;
            case "DOUBLE" -> SqlType.DOUBLE;
            default -> duckDbType.toUpperCase(Locale.ROOT).startsWith("DECIMAL") ? SqlType.decimal(38, 10)
                    : SqlType.VARCHAR;
        };
    }

    private static Object value(ResultSet rs, int index, SqlType type) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value;
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case REAL -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> new BigDecimal(value.toString());
            default -> rs.getString(index);
        };
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException ignored) {
            // an in-memory database; nothing is lost
        } finally {
            lock.unlock();
        }
    }
}
