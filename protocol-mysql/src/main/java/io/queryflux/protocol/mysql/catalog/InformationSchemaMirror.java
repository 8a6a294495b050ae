package io.queryflux.protocol.mysql.catalog;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.duckdb.ScratchDuckDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A MySQL-shaped {@code information_schema} (SCHEMATA, TABLES, COLUMNS, and the key, index and
 * routine tables, empty) of one routed engine, held in a scratch in-memory DuckDB. It is filled
 * from the engine's standard information_schema read through the dispatcher, so the drivers'
 * metadata queries ({@code COLUMN_TYPE}, {@code NULL AS TYPE_CAT}, {@code IF(...)}) and GUI
 * clients' browsing queries run the same whatever the engine is.
 */
final class InformationSchemaMirror implements AutoCloseable {
    /** The mirror's schema; client queries name {@code information_schema}, rewritten to this. */
    static final String SCHEMA = "mysql_is";

    private static final Set<String> ENGINE_SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog",
            "performance_schema", "mysql", "sys", "_statistics_");
    private static final int MAX_ROWS = 100_000;
    private static final String RICH_COLUMNS = "SELECT table_schema, table_name, column_name, ordinal_position,"
            + " column_default, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale,"
            + " datetime_precision FROM information_schema.columns";
    // Trino's information_schema.columns has only the standard core.
    private static final String CORE_COLUMNS = "SELECT table_schema, table_name, column_name, ordinal_position,"
            + " column_default, is_nullable, data_type FROM information_schema.columns";

    private static final List<String> DDL = List.of(
            // MySQL's information_schema compares text case-insensitively (IS_NULLABLE = 'yes').
            "SET default_collation = 'nocase'",
            "CREATE SCHEMA " + SCHEMA,
            "CREATE TABLE " + SCHEMA + ".SCHEMATA (CATALOG_NAME VARCHAR, SCHEMA_NAME VARCHAR,"
                    + " DEFAULT_CHARACTER_SET_NAME VARCHAR, DEFAULT_COLLATION_NAME VARCHAR, SQL_PATH VARCHAR,"
                    + " DEFAULT_ENCRYPTION VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".TABLES (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,"
                    + " TABLE_TYPE VARCHAR, ENGINE VARCHAR, VERSION BIGINT, ROW_FORMAT VARCHAR, TABLE_ROWS BIGINT,"
                    + " AVG_ROW_LENGTH BIGINT, DATA_LENGTH BIGINT, MAX_DATA_LENGTH BIGINT, INDEX_LENGTH BIGINT,"
                    + " DATA_FREE BIGINT, AUTO_INCREMENT BIGINT, CREATE_TIME TIMESTAMP, UPDATE_TIME TIMESTAMP,"
                    + " CHECK_TIME TIMESTAMP, TABLE_COLLATION VARCHAR, CHECKSUM BIGINT, CREATE_OPTIONS VARCHAR,"
                    + " TABLE_COMMENT VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".COLUMNS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,"
                    + " COLUMN_NAME VARCHAR, ORDINAL_POSITION BIGINT, COLUMN_DEFAULT VARCHAR, IS_NULLABLE VARCHAR,"
                    + " DATA_TYPE VARCHAR, CHARACTER_MAXIMUM_LENGTH BIGINT, CHARACTER_OCTET_LENGTH BIGINT,"
                    + " NUMERIC_PRECISION BIGINT, NUMERIC_SCALE BIGINT, DATETIME_PRECISION BIGINT,"
                    + " CHARACTER_SET_NAME VARCHAR, COLLATION_NAME VARCHAR, COLUMN_TYPE VARCHAR, COLUMN_KEY VARCHAR,"
                    + " EXTRA VARCHAR, PRIVILEGES VARCHAR, COLUMN_COMMENT VARCHAR, GENERATION_EXPRESSION VARCHAR,"
                    + " SRS_ID BIGINT)",
            // The engines behind the proxy expose no MySQL keys, indexes or routines: empty tables
            // with MySQL's columns let getPrimaryKeys, getIndexInfo, getProcedures ... answer "none".
            "CREATE TABLE " + SCHEMA + ".STATISTICS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,"
                    + " NON_UNIQUE BIGINT, INDEX_SCHEMA VARCHAR, INDEX_NAME VARCHAR, SEQ_IN_INDEX BIGINT,"
                    + " COLUMN_NAME VARCHAR, \"COLLATION\" VARCHAR, CARDINALITY BIGINT, SUB_PART BIGINT, PACKED VARCHAR,"
                    + " NULLABLE VARCHAR, INDEX_TYPE VARCHAR, \"COMMENT\" VARCHAR, INDEX_COMMENT VARCHAR,"
                    + " IS_VISIBLE VARCHAR, EXPRESSION VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".KEY_COLUMN_USAGE (CONSTRAINT_CATALOG VARCHAR, CONSTRAINT_SCHEMA VARCHAR,"
                    + " CONSTRAINT_NAME VARCHAR, TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,"
                    + " COLUMN_NAME VARCHAR, ORDINAL_POSITION BIGINT, POSITION_IN_UNIQUE_CONSTRAINT BIGINT,"
                    + " REFERENCED_TABLE_SCHEMA VARCHAR, REFERENCED_TABLE_NAME VARCHAR, REFERENCED_COLUMN_NAME VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".TABLE_CONSTRAINTS (CONSTRAINT_CATALOG VARCHAR, CONSTRAINT_SCHEMA VARCHAR,"
                    + " CONSTRAINT_NAME VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR, CONSTRAINT_TYPE VARCHAR,"
                    + " ENFORCED VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".REFERENTIAL_CONSTRAINTS (CONSTRAINT_CATALOG VARCHAR,"
                    + " CONSTRAINT_SCHEMA VARCHAR, CONSTRAINT_NAME VARCHAR, UNIQUE_CONSTRAINT_CATALOG VARCHAR,"
                    + " UNIQUE_CONSTRAINT_SCHEMA VARCHAR, UNIQUE_CONSTRAINT_NAME VARCHAR, MATCH_OPTION VARCHAR,"
                    + " UPDATE_RULE VARCHAR, DELETE_RULE VARCHAR, TABLE_NAME VARCHAR, REFERENCED_TABLE_NAME VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".ROUTINES (SPECIFIC_NAME VARCHAR, ROUTINE_CATALOG VARCHAR,"
                    + " ROUTINE_SCHEMA VARCHAR, ROUTINE_NAME VARCHAR, ROUTINE_TYPE VARCHAR, DATA_TYPE VARCHAR,"
                    + " DTD_IDENTIFIER VARCHAR, ROUTINE_BODY VARCHAR, ROUTINE_DEFINITION VARCHAR,"
                    + " EXTERNAL_NAME VARCHAR, EXTERNAL_LANGUAGE VARCHAR, PARAMETER_STYLE VARCHAR,"
                    + " IS_DETERMINISTIC VARCHAR, SQL_DATA_ACCESS VARCHAR, SQL_PATH VARCHAR, SECURITY_TYPE VARCHAR,"
                    + " CREATED TIMESTAMP, LAST_ALTERED TIMESTAMP, SQL_MODE VARCHAR, ROUTINE_COMMENT VARCHAR,"
                    + " DEFINER VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".PARAMETERS (SPECIFIC_CATALOG VARCHAR, SPECIFIC_SCHEMA VARCHAR,"
                    + " SPECIFIC_NAME VARCHAR, ORDINAL_POSITION BIGINT, PARAMETER_MODE VARCHAR, PARAMETER_NAME VARCHAR,"
                    + " DATA_TYPE VARCHAR, CHARACTER_MAXIMUM_LENGTH BIGINT, CHARACTER_OCTET_LENGTH BIGINT,"
                    + " NUMERIC_PRECISION BIGINT, NUMERIC_SCALE BIGINT, DATETIME_PRECISION BIGINT,"
                    + " CHARACTER_SET_NAME VARCHAR, COLLATION_NAME VARCHAR, DTD_IDENTIFIER VARCHAR,"
                    + " ROUTINE_TYPE VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".VIEWS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR,"
                    + " VIEW_DEFINITION VARCHAR, CHECK_OPTION VARCHAR, IS_UPDATABLE VARCHAR, DEFINER VARCHAR,"
                    + " SECURITY_TYPE VARCHAR, CHARACTER_SET_CLIENT VARCHAR, COLLATION_CONNECTION VARCHAR)",
            "CREATE TABLE " + SCHEMA + ".TRIGGERS (TRIGGER_CATALOG VARCHAR, TRIGGER_SCHEMA VARCHAR,"
                    + " TRIGGER_NAME VARCHAR, EVENT_MANIPULATION VARCHAR, EVENT_OBJECT_SCHEMA VARCHAR,"
                    + " EVENT_OBJECT_TABLE VARCHAR, ACTION_STATEMENT VARCHAR, ACTION_TIMING VARCHAR)",
            // MySQL functions the drivers' metadata queries use that DuckDB lacks or spells differently.
            "CREATE MACRO " + SCHEMA + ".locate(needle, haystack) AS instr(haystack, needle)",
            "CREATE MACRO " + SCHEMA + ".mysql_upper(x) AS upper(CAST(x AS VARCHAR))",
            "CREATE TABLE " + SCHEMA + ".DUAL (DUMMY VARCHAR)",
            "INSERT INTO " + SCHEMA + ".DUAL VALUES ('X')",
            // Unqualified names (the macros; tables after USE information_schema) resolve to the mirror.
            "SET search_path = '" + SCHEMA + ",main'");

    private final ScratchDuckDb database;

    private InformationSchemaMirror(ScratchDuckDb database) {
        this.database = database;
    }

    static InformationSchemaMirror load(QueryDispatcher dispatcher, ClientSession session) throws QueryException {
        Set<String> schemas = new LinkedHashSet<>();
        for (List<Object> row : dispatcher.readRows(new QueryRequest("SELECT schema_name FROM information_schema.schemata", session),
                MAX_ROWS)) {
            String schema = String.valueOf(row.get(0));
            if (!ENGINE_SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                schemas.add(schema);
            }
        }
        List<List<Object>> tables = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (List<Object> row : dispatcher.readRows(new QueryRequest(
                "SELECT table_schema, table_name, table_type FROM information_schema.tables", session), MAX_ROWS)) {
            if (schemas.contains(String.valueOf(row.get(0))) && seen.add(row.get(0) + "\0" + row.get(1))) {
                boolean view = String.valueOf(row.get(2)).toUpperCase(Locale.ROOT).contains("VIEW");
                tables.add(List.of(row.get(0), row.get(1), view ? "VIEW" : "BASE TABLE"));
            }
        }
        List<List<Object>> columns;
        try {
            columns = dispatcher.readRows(new QueryRequest(RICH_COLUMNS, session), MAX_ROWS);
        } catch (QueryException e) {
            columns = dispatcher.readRows(new QueryRequest(CORE_COLUMNS, session), MAX_ROWS);
        }
        List<List<Object>> allColumns = columns;
        try {
            return new InformationSchemaMirror(ScratchDuckDb.create(
                    connection -> fill(connection, schemas, tables, allColumns, seen)));
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "cannot build the information_schema mirror: "
                    + e.getMessage(), e);
        }
    }

    private static void fill(Connection connection, Set<String> schemas, List<List<Object>> tables,
            List<List<Object>> columns, Set<String> tableKeys) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA
                + ".SCHEMATA VALUES ('def', ?, 'utf8mb4', 'utf8mb4_0900_ai_ci', NULL, 'NO')")) {
            insert.setString(1, "information_schema");
            insert.addBatch();
            for (String schema : schemas) {
                insert.setString(1, schema);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".TABLES (TABLE_CATALOG,"
                + " TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, VERSION, ROW_FORMAT, TABLE_COLLATION, CREATE_OPTIONS,"
                + " TABLE_COMMENT) VALUES ('def', ?, ?, ?, 'QueryFlux', 10, 'Dynamic', 'utf8mb4_0900_ai_ci', '', '')")) {
            for (List<Object> table : tables) {
                insert.setString(1, (String) table.get(0));
                insert.setString(2, (String) table.get(1));
                insert.setString(3, (String) table.get(2));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".COLUMNS VALUES ('def',"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 'select,insert,update,references', '', '',"
                + " NULL)")) {
            for (List<Object> column : columns) {
                if (!tableKeys.contains(column.get(0) + "\0" + column.get(1))) {
                    continue;
                }
                MySqlColumnShape shape = MySqlColumnShape.of(String.valueOf(column.get(6)), number(column, 7),
                        column.size() > 8 ? firstPresent(number(column, 8), number(column, 10)) : null,
                        number(column, 9));
                insert.setString(1, String.valueOf(column.get(0)));
                insert.setString(2, String.valueOf(column.get(1)));
                insert.setString(3, String.valueOf(column.get(2)));
                insert.setLong(4, ((Number) column.get(3)).longValue());
                insert.setString(5, column.get(4) == null ? null : String.valueOf(column.get(4)));
                insert.setString(6, String.valueOf(column.get(5)).toUpperCase(Locale.ROOT).startsWith("N") ? "NO"
                        : "YES");
                insert.setString(7, shape.dataType());
                setLong(insert, 8, shape.characterMaximumLength());
                setLong(insert, 9, shape.characterMaximumLength() == null ? null
                        : shape.textual() ? shape.characterMaximumLength() * 4 : shape.characterMaximumLength());
                setLong(insert, 10, shape.numericPrecision());
                setLong(insert, 11, shape.numericScale());
                setLong(insert, 12, shape.datetimePrecision());
                insert.setString(13, shape.textual() ? "utf8mb4" : null);
                insert.setString(14, shape.textual() ? "utf8mb4_0900_ai_ci" : null);
                insert.setString(15, shape.columnType());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Long number(List<Object> row, int index) {
        return index < row.size() && row.get(index) instanceof Number n ? n.longValue() : null;
    }

    private static Long firstPresent(Long a, Long b) {
        return a != null ? a : b;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** Runs a query already rewritten for the mirror; empty when this mirror has been closed meanwhile. */
    Optional<ListCursor> query(String sql) throws QueryException {
        return database.query(sql, InformationSchemaMirror::sqlType, "information_schema");
    }

    /** The mirror holds only text, integers and timestamps; anything else (a NULL column) is text. */
    private static SqlType sqlType(String duckDbType) {
        return switch (duckDbType.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> SqlType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER" -> SqlType.INTEGER;
            case "BIGINT", "HUGEINT", "UINTEGER", "UBIGINT" -> SqlType.BIGINT;
            default -> SqlType.VARCHAR;
        };
    }

    @Override
    public void close() {
        database.close();
    }
}
