package io.queryflux.engine.duckdb;

import io.queryflux.engine.Column;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.jdbc.JdbcColumn;
import io.queryflux.engine.jdbc.JdbcFlavor;
import io.queryflux.engine.jdbc.LostErrorProbe;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** DuckDB's session set-up, type names and error messages. */
final class DuckDbFlavor implements JdbcFlavor {
    /**
     * What duckdb-java says for any error raised while a streamed result runs (a failed cast in
     * the third chunk, {@code error()}, a file that cannot be read): it keeps the real message in
     * its native result and reports this instead.
     */
    private static final String LOST_ERROR = "Invalid Input Error: Invalid result set";

    /** Error classes DuckDB raises before it runs anything: a probe failing so failed on its own account. */
    private static final Set<String> BEFORE_RUNNING = Set.of(
            "parser error", "catalog error", "binder error", "transactioncontext error", "dependency error",
            "not implemented error");

    @Override
    public void prepareSession(Connection connection, EngineQuery query) throws SQLException {
        // DuckDB's catalog is the attached database and its schema the schema; USE takes both.
        String target = query.schema()
                .map(schema -> query.catalog().map(c -> quote(c) + ".").orElse("") + quote(schema))
                .or(() -> query.catalog().map(DuckDbFlavor::quote))
                .orElse(null);
        if (target != null) {
            try (Statement use = connection.createStatement()) {
                use.execute("USE " + target);
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Statement createStatement(Connection connection) throws SQLException {
        return connection.createStatement();
    }

    @Override
    public List<JdbcColumn> describe(ResultSetMetaData metaData) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>(metaData.getColumnCount());
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            SqlType type = DuckDbTypeParser.parse(metaData.getColumnTypeName(i));
            columns.add(new JdbcColumn(new Column(metaData.getColumnLabel(i), type), DuckDbValues.reader(type)));
        }
        return columns;
    }

    @Override
    public List<SqlType> parameterTypes(ParameterMetaData parameters) throws SQLException {
        List<SqlType> types = new ArrayList<>(parameters.getParameterCount());
        for (int i = 1; i <= parameters.getParameterCount(); i++) {
            types.add(DuckDbTypeParser.parse(parameters.getParameterTypeName(i)));
        }
        return types;
    }

    @Override
    public ResultCursor withCapabilities(ResultCursor rows, ResultSet resultSet) {
        return new DuckDbArrowCursor(rows, resultSet);
    }

    @Override
    public QueryException translate(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.equals(LOST_ERROR)) {
            message = "DuckDB stopped the result with an error its JDBC driver did not pass on (" + LOST_ERROR + ")";
        }
        return new QueryException(classify(message), message, e);
    }

    /**
     * EXPLAIN ANALYZE runs the statement to the end without streaming its rows (it returns only
     * the plan), so the error is raised while it executes, where the driver does report it.
     */
    @Override
    public Optional<LostErrorProbe> lostErrorProbe(SQLException e, String sql) {
        return LOST_ERROR.equals(e.getMessage())
                ? Optional.of(new LostErrorProbe("EXPLAIN ANALYZE " + sql, DuckDbFlavor::raisedWhileRunning))
                : Optional.empty();
    }

    private static boolean raisedWhileRunning(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        return colon > 0 && !message.equals(LOST_ERROR)
                && !BEFORE_RUNNING.contains(message.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** DuckDB prefixes each message with its error class, e.g. "Catalog Error: Table ...". */
    static ErrorCode classify(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("parser error")) {
            return ErrorCode.SYNTAX_ERROR;
        }
        if (m.startsWith("catalog error")) {
            if (m.contains("table with name") || m.contains("table or view")) {
                return ErrorCode.TABLE_NOT_FOUND;
            }
            if (m.contains("function")) {
                return ErrorCode.FUNCTION_NOT_FOUND;
            }
            if (m.contains("schema")) {
                return ErrorCode.SCHEMA_NOT_FOUND;
            }
            if (m.contains("already exists")) {
                return ErrorCode.ALREADY_EXISTS;
            }
            if (m.contains("catalog") || m.contains("database")) {
                return ErrorCode.CATALOG_NOT_FOUND;
            }
            return ErrorCode.GENERIC_USER_ERROR;
        }
        if (m.startsWith("binder error")) {
            return m.contains("column") ? ErrorCode.COLUMN_NOT_FOUND
                    : m.contains("function") ? ErrorCode.FUNCTION_NOT_FOUND
                    : ErrorCode.GENERIC_USER_ERROR;
        }
        if (m.startsWith("conversion error")) {
            return ErrorCode.INVALID_CAST_ARGUMENT;
        }
        if (m.startsWith("out of range error")) {
            return ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE;
        }
        if (m.startsWith("constraint error")) {
            return ErrorCode.CONSTRAINT_VIOLATION;
        }
        if (m.startsWith("not implemented error")) {
            return ErrorCode.NOT_SUPPORTED;
        }
        if (m.startsWith("interrupt error")) {
            return ErrorCode.USER_CANCELED;
        }
        if (m.startsWith("invalid input error")) {
            return ErrorCode.INVALID_FUNCTION_ARGUMENT;
        }
        if (m.contains("division by zero")) {
            return ErrorCode.DIVISION_BY_ZERO;
        }
        if (m.startsWith("io error") || m.startsWith("internal error") || m.startsWith("fatal error")) {
            return ErrorCode.EXTERNAL_ERROR;
        }
        return ErrorCode.GENERIC_USER_ERROR;
    }
}
