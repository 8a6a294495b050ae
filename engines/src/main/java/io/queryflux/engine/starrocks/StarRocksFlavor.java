package io.queryflux.engine.starrocks;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.jdbc.JdbcColumn;
import io.queryflux.engine.jdbc.JdbcFlavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * StarRocks (and any MySQL-protocol engine) through Connector/J. Pooled connections keep their
 * session, so each physical connection remembers the database and session variables last
 * applied to it: a query sends {@code USE} and {@code SET SESSION} only for what differs, and
 * resets variables the previous query set that this one does not ({@code = DEFAULT}).
 */
final class StarRocksFlavor implements JdbcFlavor {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    /** A database: the session schema, qualified by the catalog when the client named one. */
    private record Database(Optional<String> catalog, String schema) {
        String use() {
            return "USE " + catalog.map(c -> quote(c) + ".").orElse("") + quote(schema);
        }
    }

    /** What was last applied to a physical connection. */
    private record Applied(Optional<Database> database, Map<String, String> variables) {}

    private static final Applied NOTHING_APPLIED = new Applied(Optional.empty(), Map.of());

    private final Optional<Database> defaultDatabase;
    private final Map<Connection, Applied> applied = Collections.synchronizedMap(new WeakHashMap<>());

    StarRocksFlavor(Optional<String> defaultDatabase) {
        this.defaultDatabase = requireNonNull(defaultDatabase, "defaultDatabase is null")
                .map(schema -> new Database(Optional.empty(), schema));
    }

    /** The configured database, where a session that names none runs. */
    Optional<String> defaultDatabase() {
        return defaultDatabase.map(Database::schema);
    }

    @Override
    public void prepareSession(Connection connection, EngineQuery query) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        // A new connection has no database (the URL names none), so its first query sends USE.
        Applied before = applied.getOrDefault(physical, NOTHING_APPLIED);
        Optional<Database> database = query.schema().isPresent()
                ? Optional.of(new Database(query.catalog(), query.schema().get()))
                : defaultDatabase;
        List<String> statements = new ArrayList<>(0);
        if (database.isPresent() && !database.equals(before.database())) {
            statements.add(database.get().use());
        }
        for (String name : before.variables().keySet()) {
            if (!query.sessionProperties().containsKey(name)) {
                statements.add("SET SESSION " + variable(name) + " = DEFAULT");
            }
        }
        for (Map.Entry<String, String> property : query.sessionProperties().entrySet()) {
            if (!Objects.equals(before.variables().get(property.getKey()), property.getValue())) {
                statements.add("SET SESSION " + variable(property.getKey()) + " = " + value(property.getValue()));
            }
        }
        // The common case (same database, same variables) costs neither a round trip, nor a
        // Connector/J Statement, nor a change to the map.
        if (statements.isEmpty()) {
            return;
        }
        // Forget the state until it is fully applied, so a failure half-way is never trusted.
        applied.remove(physical);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        applied.put(physical, new Applied(database.or(before::database), Map.copyOf(query.sessionProperties())));
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String variable(String name) throws SQLException {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new SQLException("Invalid session variable name: " + name, "42000", 1193);
        }
        return name;
    }

    private static String value(String value) {
        return NUMBER.matcher(value).matches() ? value : "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public Statement createStatement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        // Connector/J streams row by row only with this fetch size; otherwise it buffers the result.
        statement.setFetchSize(Integer.MIN_VALUE);
        return statement;
    }

    @Override
    public List<JdbcColumn> describe(ResultSetMetaData metaData) throws SQLException {
        return StarRocksTypes.describe(metaData);
    }

    @Override
    public QueryException translate(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new QueryException(classify(e.getErrorCode(), e.getSQLState()), message, e.getSQLState(), e);
    }

    /** By MySQL error number, which StarRocks and MariaDB share for these cases. */
    static ErrorCode classify(int errorNumber, String sqlState) {
        return switch (errorNumber) {
            case 1064, 1149 -> ErrorCode.SYNTAX_ERROR;
            case 1146 -> ErrorCode.TABLE_NOT_FOUND;
            case 1054 -> ErrorCode.COLUMN_NOT_FOUND;
            case 1049 -> ErrorCode.SCHEMA_NOT_FOUND;
            case 1317, 3024, 1969 -> ErrorCode.USER_CANCELED;
            case 1044, 1045, 1142, 1143, 1227 -> ErrorCode.PERMISSION_DENIED;
            case 1305 -> ErrorCode.FUNCTION_NOT_FOUND;
            case 1050, 1007 -> ErrorCode.ALREADY_EXISTS;
            case 1062, 1452, 1451 -> ErrorCode.CONSTRAINT_VIOLATION;
            case 1365 -> ErrorCode.DIVISION_BY_ZERO;
            case 1264, 1690 -> ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE;
            case 1292, 1366 -> ErrorCode.INVALID_CAST_ARGUMENT;
            case 1193, 1231, 1232 -> ErrorCode.INVALID_SESSION_PROPERTY;
            case 1235 -> ErrorCode.NOT_SUPPORTED;
            default -> sqlState != null && sqlState.startsWith("08") ? ErrorCode.EXTERNAL_ERROR
                    : ErrorCode.GENERIC_USER_ERROR;
        };
    }
}
