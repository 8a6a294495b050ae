package io.queryflux.engine.postgres;

import io.queryflux.engine.Column;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.jdbc.ColumnReader;
import io.queryflux.engine.jdbc.JdbcColumn;
import io.queryflux.engine.jdbc.JdbcFlavor;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** PostgreSQL's session set-up, type names and SQLSTATEs, through pgjdbc. */
final class PostgresFlavor implements JdbcFlavor {
    private static final Map<String, ErrorCode> BY_SQLSTATE = Map.ofEntries(
            Map.entry("42601", ErrorCode.SYNTAX_ERROR),
            Map.entry("42P01", ErrorCode.TABLE_NOT_FOUND),
            Map.entry("42703", ErrorCode.COLUMN_NOT_FOUND),
            Map.entry("42883", ErrorCode.FUNCTION_NOT_FOUND),
            Map.entry("42P07", ErrorCode.ALREADY_EXISTS),
            Map.entry("42501", ErrorCode.PERMISSION_DENIED),
            Map.entry("3F000", ErrorCode.SCHEMA_NOT_FOUND),
            Map.entry("3D000", ErrorCode.CATALOG_NOT_FOUND),
            Map.entry("57014", ErrorCode.USER_CANCELED),
            Map.entry("22012", ErrorCode.DIVISION_BY_ZERO),
            Map.entry("22P02", ErrorCode.INVALID_CAST_ARGUMENT),
            Map.entry("22003", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE),
            Map.entry("0A000", ErrorCode.NOT_SUPPORTED),
            Map.entry("28P01", ErrorCode.AUTHENTICATION_FAILED));

    private final int fetchSize;
    private final boolean shortQueriesFirst;

    PostgresFlavor(int fetchSize, boolean shortQueriesFirst) {
        this.fetchSize = fetchSize;
        this.shortQueriesFirst = shortQueriesFirst;
    }

    /** Rows per round trip while streaming through a cursor. */
    boolean shortQueriesFirst() {
        return shortQueriesFirst;
    }

    int fetchSize() {
        return fetchSize;
    }

    @Override
    public void prepareSession(Connection connection, EngineQuery query) throws SQLException {
        // pgjdbc streams with a cursor only inside a transaction; CommitOnClose ends it.
        connection.setAutoCommit(false);
        if (query.schema().isPresent()) {
            // LOCAL: the setting ends with the transaction, so the pooled connection does not keep it.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL search_path TO " + quote(query.schema().get()));
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Statement createStatement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        statement.setEscapeProcessing(false); // clients send PostgreSQL SQL, not JDBC escapes
        return statement;
    }

    @Override
    public List<JdbcColumn> describe(ResultSetMetaData metaData) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>(metaData.getColumnCount());
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String typeName = metaData.getColumnTypeName(i);
            SqlType type = PostgresTypes.sqlType(typeName, metaData.getPrecision(i), metaData.getScale(i));
            columns.add(new JdbcColumn(new Column(metaData.getColumnLabel(i), type), reader(type)));
        }
        return columns;
    }

    static ColumnReader reader(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> nullable(rs, rs.getBoolean(i));
            case SMALLINT -> (rs, i) -> nullable(rs, rs.getShort(i));
            case INTEGER -> (rs, i) -> nullable(rs, rs.getInt(i));
            case BIGINT -> (rs, i) -> nullable(rs, rs.getLong(i));
            case REAL -> (rs, i) -> nullable(rs, rs.getFloat(i));
            case DOUBLE -> (rs, i) -> nullable(rs, rs.getDouble(i));
            case DECIMAL -> ResultSet::getBigDecimal;
            case VARBINARY -> ResultSet::getBytes;
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIME -> (rs, i) -> rs.getObject(i, LocalTime.class);
            case TIME_WITH_TIME_ZONE -> (rs, i) -> rs.getObject(i, OffsetTime.class);
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_WITH_TIME_ZONE -> (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case UUID -> (rs, i) -> rs.getObject(i, UUID.class);
            case ARRAY -> (rs, i) -> list(rs.getArray(i), type.elementType());
            default -> ResultSet::getString;
        };
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static List<Object> list(Array array, SqlType element) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] items = (Object[]) array.getArray();
        List<Object> values = new ArrayList<>(items.length);
        for (Object item : items) {
            values.add(item == null ? null : element(item, element));
        }
        return Collections.unmodifiableList(values);
    }

    private static Object element(Object item, SqlType type) {
        return switch (type.kind()) {
            case SMALLINT -> ((Number) item).shortValue();
            case INTEGER -> ((Number) item).intValue();
            case BIGINT -> ((Number) item).longValue();
            case REAL -> ((Number) item).floatValue();
            case DOUBLE -> ((Number) item).doubleValue();
            case DECIMAL -> item instanceof BigDecimal d ? d : new BigDecimal(item.toString());
            case BOOLEAN -> (Boolean) item;
            case UUID -> item instanceof UUID u ? u : UUID.fromString(item.toString());
            default -> item.toString();
        };
    }

    @Override
    public QueryException translate(SQLException e) {
        return error(e.getSQLState(), e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }

    /** PostgreSQL's error with the given SQLSTATE (may be null) as the engine's error. */
    static QueryException error(String state, String message, Throwable cause) {
        ErrorCode code = state == null ? ErrorCode.EXTERNAL_ERROR : BY_SQLSTATE.getOrDefault(state, byClass(state));
        return new QueryException(code, message, state, cause);
    }

    private static ErrorCode byClass(String state) {
        return switch (state.substring(0, 2)) {
            case "23" -> ErrorCode.CONSTRAINT_VIOLATION;
            case "22" -> ErrorCode.INVALID_FUNCTION_ARGUMENT;
            case "42" -> ErrorCode.GENERIC_USER_ERROR;
            default -> ErrorCode.EXTERNAL_ERROR;
        };
    }
}
