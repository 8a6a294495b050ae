package io.queryflux.protocol.pg.catalog;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.Engine;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.duckdb.ScratchDuckDb;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One mirror of an engine's tables and columns in a scratch in-memory DuckDB. */
final class ShadowCatalog implements AutoCloseable {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog");
    private static final int MAX_ROWS = 100_000;
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?is)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP(?:ORARY)?\\s+)?VIEW\\s+.*?\\s+AS\\s+(.*)");

    private final ScratchDuckDb database;

    private ShadowCatalog(ScratchDuckDb database) {
        this.database = database;
    }

    static ShadowCatalog load(QueryDispatcher dispatcher, ClientSession session, Map<String, String> settings)
            throws QueryException {
        // Schemas without tables are listed too (psql's \dn).
        Set<String> schemas = new LinkedHashSet<>();
        for (List<Object> row : userRows(dispatcher, session, "SELECT schema_name FROM information_schema.schemata")) {
            schemas.add((String) row.get(0));
        }
        Optional<Engine> engine = dispatcher.routedEngine(new QueryRequest("SELECT 1", session));
        // The schema unqualified names resolve in: the session's, else the routed engine's default.
        Optional<String> pathSchema = session.schema().or(() -> engine.flatMap(Engine::defaultSchema));
        boolean standard = engine.map(Engine::standardInformationSchema).orElse(false);
        Map<String, String> viewDefinitions = new LinkedHashMap<>();
        if (standard) { // psql's \d+ view, pg_views.definition, dbt's docs
            for (List<Object> row : optionalRows(dispatcher, session,
                    "SELECT table_schema, table_name, view_definition FROM information_schema.views")) {
                if (row.get(2) != null) {
                    viewDefinitions.put(row.get(0) + "\0" + row.get(1), viewQuery(String.valueOf(row.get(2))));
                }
            }
        }
        Map<String, SystemCatalogSchema.Relation> relations = new LinkedHashMap<>();
        for (List<Object> row : userRows(dispatcher, session,
                "SELECT table_schema, table_name, table_type FROM information_schema.tables")) {
            String schema = (String) row.get(0);
            String key = schema + "\0" + row.get(1);
            relations.putIfAbsent(key, new SystemCatalogSchema.Relation(schema, (String) row.get(1),
                    String.valueOf(row.get(2)).toUpperCase(Locale.ROOT).contains("VIEW"),
                    Optional.ofNullable(viewDefinitions.get(key)), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        for (List<Object> row : userRows(dispatcher, session,
                "SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default"
                        + " FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position")) {
            SystemCatalogSchema.Relation relation = relations.get(row.get(0) + "\0" + row.get(1));
            if (relation != null) {
                relation.columns().add(new SystemCatalogSchema.Attribute((String) row.get(2), String.valueOf(row.get(3)),
                        "NO".equalsIgnoreCase(String.valueOf(row.get(4))),
                        Optional.ofNullable(row.get(5)).filter(d -> standard).map(String::valueOf)));
            }
        }
        if (standard) {
            readKeys(dispatcher, session, relations);
            readForeignKeys(dispatcher, session, relations);
        }
        try {
            return new ShadowCatalog(ScratchDuckDb.create(connection -> {
                SystemCatalogSchema.create(connection, List.copyOf(schemas), List.copyOf(relations.values()),
                        new SystemCatalogSchema.Session(session.user(), session.header("database").orElse(session.user()),
                                pathSchema, settings));
                try (Statement statement = connection.createStatement()) {
                    // Unqualified pg_class, format_type() ... resolve to the mirror, not DuckDB's own.
                    statement.execute("SET search_path = '" + SystemCatalogSchema.SCHEMA + "'");
                }
            }));
        } catch (SQLException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "cannot build the catalog mirror: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Primary and unique keys, column by column in key order, onto their relations. Keys are an
     * extra: when they cannot be read (the query routed elsewhere), the mirror has none.
     */
    private static void readKeys(QueryDispatcher dispatcher, ClientSession session,
            Map<String, SystemCatalogSchema.Relation> relations) {
        List<List<Object>> rows = optionalRows(dispatcher, session, "SELECT tc.table_schema, tc.table_name,"
                + " tc.constraint_name, tc.constraint_type, k.column_name FROM information_schema.table_constraints tc"
                + " JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name"
                + " AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name"
                + " WHERE tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')"
                + " ORDER BY tc.table_schema, tc.table_name, tc.constraint_name, k.ordinal_position");
        Map<String, SystemCatalogSchema.Key> keys = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            SystemCatalogSchema.Relation relation = relations.get(row.get(0) + "\0" + row.get(1));
            if (relation != null) {
                List<String> columns = keys.computeIfAbsent(row.get(0) + "\0" + row.get(1) + "\0" + row.get(2), k -> {
                    SystemCatalogSchema.Key key = new SystemCatalogSchema.Key((String) row.get(2),
                            "PRIMARY KEY".equals(row.get(3)), new ArrayList<>());
                    relation.keys().add(key);
                    return key;
                }).columns();
                if (!columns.contains(row.get(4))) {
                    columns.add((String) row.get(4));
                }
            }
        }
    }

    /** Foreign keys, column by column in key order, onto their relations; optional as keys are. */
    private static void readForeignKeys(QueryDispatcher dispatcher, ClientSession session,
            Map<String, SystemCatalogSchema.Relation> relations) {
        List<List<Object>> rows = optionalRows(dispatcher, session, "SELECT k.table_schema, k.table_name,"
                + " k.constraint_name, k.column_name, u.table_schema, u.table_name, u.column_name"
                + " FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage k"
                + " ON k.constraint_schema = rc.constraint_schema AND k.constraint_name = rc.constraint_name"
                + " JOIN information_schema.key_column_usage u ON u.constraint_schema = rc.unique_constraint_schema"
                + " AND u.constraint_name = rc.unique_constraint_name"
                + " AND u.ordinal_position = k.position_in_unique_constraint"
                + " ORDER BY k.table_schema, k.table_name, k.constraint_name, k.ordinal_position");
        Map<String, SystemCatalogSchema.ForeignKey> keys = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            SystemCatalogSchema.Relation relation = relations.get(row.get(0) + "\0" + row.get(1));
            if (relation != null) {
                SystemCatalogSchema.ForeignKey key = keys.computeIfAbsent(row.get(0) + "\0" + row.get(1) + "\0"
                        + row.get(2), k -> {
                            SystemCatalogSchema.ForeignKey created = new SystemCatalogSchema.ForeignKey((String) row.get(2),
                                    new ArrayList<>(), (String) row.get(4), (String) row.get(5), new ArrayList<>());
                            relation.foreignKeys().add(created);
                            return created;
                        });
                key.columns().add((String) row.get(3));
                key.referencedColumns().add((String) row.get(6));
            }
        }
    }

    /** A view's query as pg_get_viewdef() gives it, from DuckDB's whole CREATE VIEW statement. */
    static String viewQuery(String definition) {
        Matcher create = CREATE_VIEW.matcher(definition);
        String query = create.matches() ? create.group(1) : definition;
        return " " + query.strip().replaceAll(";+$", "") + ";";
    }

    /** The rows of a query for an extra (keys): none when it cannot be read (routed elsewhere, no such views). */
    private static List<List<Object>> optionalRows(QueryDispatcher dispatcher, ClientSession session, String sql) {
        try {
            return userRows(dispatcher, session, sql);
        } catch (QueryException e) {
            return List.of();
        }
    }

    /** An information_schema query's rows whose first column, a schema, is not a system schema. */
    private static List<List<Object>> userRows(QueryDispatcher dispatcher, ClientSession session, String sql)
            throws QueryException {
        return dispatcher.readRows(new QueryRequest(sql, session), MAX_ROWS).stream()
                .filter(row -> !SYSTEM_SCHEMAS.contains(String.valueOf(row.get(0)).toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Runs the query; empty when this mirror has been closed meanwhile. */
    Optional<ResultCursor> query(String sql) throws QueryException {
        return database.query(sql, ShadowCatalog::sqlType, "catalog").map(ResultCursor.class::cast);
    }

    private static SqlType sqlType(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) { // aclitem[], name[] ...: PostgreSQL's {a,b}, not DuckDB's [a, b]
            return SqlType.array(sqlType(type.substring(0, type.length() - 2)));
        }
        return switch (type) {
            case "BOOLEAN" -> SqlType.BOOLEAN;
            case "TINYINT", "SMALLINT", "UTINYINT" -> SqlType.SMALLINT;
            case "INTEGER", "USMALLINT" -> SqlType.INTEGER;
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT" -> SqlType.BIGINT;
            case "FLOAT" -> SqlType.REAL;
            case "DOUBLE" -> SqlType.DOUBLE;
            default -> type.startsWith("DECIMAL") ? SqlType.decimal(38, 10)
                    : SqlType.VARCHAR;
        };
    }

    @Override
    public void close() {
        database.close();
    }
}
