package io.queryflux.protocol.pg.catalog;

import io.queryflux.protocol.pg.types.PgColumnType;
import io.queryflux.protocol.pg.types.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL-shaped pg_catalog, as tables and macros in schema {@code pgc} of a scratch
 * DuckDB, filled from one engine's metadata with PostgreSQL's own type OIDs. Catalogs the
 * proxy has no data for (constraints, indexes, policies, ...) exist empty, so that the queries
 * clients send still bind.
 */
final class SystemCatalogSchema {
    static final String SCHEMA = "pgc";
    static final int PG_CATALOG_OID = 11;
    static final int PUBLIC_OID = 2200;
    private static final int FIRST_NAMESPACE_OID = 16_000;
    /** pgAdmin takes databases at or below 16383 (FirstNormalObjectId - 1) for system ones. */
    private static final int DATABASE_OID = 16_384;
    private static final int FIRST_RELATION_OID = 16_385;
    /** PostgreSQL's OID of array_recv, by which Npgsql tells array types (typreceive) from others. */
    private static final int ARRAY_RECV_OID = 2400;
    private static final int ANYARRAY_OID = 2277;
    private static final int FIRST_RECEIVE_OID = 9_000;
    private static final int INFORMATION_SCHEMA_OID = 13_000;
    private static final int FIRST_SYSTEM_RELATION_OID = 12_000;
    /** PostgreSQL's own OIDs of the catalogs tools name (pg_class is 1259 wherever tableoid is read). */
    private static final Map<String, Long> SYSTEM_RELATION_OIDS = Map.ofEntries(Map.entry("pg_type", 1247L),
            Map.entry("pg_attribute", 1249L), Map.entry("pg_proc", 1255L), Map.entry("pg_class", 1259L),
            Map.entry("pg_database", 1262L), Map.entry("pg_am", 2601L), Map.entry("pg_attrdef", 2604L),
            Map.entry("pg_constraint", 2606L), Map.entry("pg_inherits", 2611L), Map.entry("pg_index", 2610L),
            Map.entry("pg_depend", 2608L), Map.entry("pg_description", 2609L), Map.entry("pg_namespace", 2615L),
            Map.entry("pg_rewrite", 2618L), Map.entry("pg_trigger", 2620L), Map.entry("pg_extension", 3079L),
            Map.entry("pg_tablespace", 1213L), Map.entry("pg_authid", 1260L), Map.entry("pg_collation", 3456L),
            Map.entry("pg_language", 2612L), Map.entry("pg_operator", 2617L), Map.entry("pg_sequence", 2224L));
    private static final int OWNER_OID = 10;
    private static final int HEAP_AM_OID = 2;
    private static final int BTREE_AM_OID = 403;
    /** A pg_class row; parameters as {@link #addClass} sets them. */
    private static final String INSERT_CLASS = "INSERT INTO pgc.pg_class VALUES (?, ?, ?, 0, 0, " + OWNER_OID
            + ", ?, ?, 0, 0, -1, 0, 0, false, false, 'p', ?, ?, 0, false, false, false, false, false, true, 'd',"
            + " false, 0, 0, 0, NULL, NULL, NULL, false)";
    private static final String INSERT_TYPE = "INSERT INTO pgc.pg_type VALUES (?, ?, " + PG_CATALOG_OID + ", "
            + OWNER_OID + ", ?, ?, 'b', ?, false, true, ',', 0, 0, ?, ?, ?, ?, ?, ?, '-', '-', '-', ?, 'p', false, 0, -1,"
            + " 0, 0, NULL, NULL, NULL)";
    private static final String INSERT_DISPLAY = "INSERT INTO pgc.qf_type_display VALUES (?, ?)";
    private static final String INSERT_RECEIVE = "INSERT INTO pgc.pg_proc VALUES (?, ?, " + PG_CATALOG_OID + ", "
            + OWNER_OID + ", 12, 1, 0, 0, '-', 'f', false, false, true, false, 'i', 's', 3, 0, ?, '2281 26 23', NULL,"
            + " NULL, NULL, NULL, NULL, ?, NULL, NULL, NULL, NULL)";
    /** A pg_attribute row; parameters as {@link #addAttribute} sets them. */
    private static final String INSERT_ATTRIBUTE = "INSERT INTO pgc.pg_attribute VALUES (?, ?, ?, -1, ?, ?, ?, -1, ?,"
            + " false, 'i', 'x', '', ?, ?, false, '', '', false, true, 0, 0, NULL, NULL, NULL, NULL)";
    private static final int FIRST_INDEX_OID = 1 << 24;
    private static final int FIRST_CONSTRAINT_OID = 1 << 25;
    private static final int FIRST_FOREIGN_KEY_OID = 1 << 26;

    /** A table or view of the engine (a view's query as pg_get_viewdef prints it), with its columns and keys. */
    record Relation(String schema, String name, boolean view, Optional<String> definition, List<Attribute> columns,
            List<Key> keys, List<ForeignKey> foreignKeys) {}

    /** A foreign key: its columns, in order, and the columns of the relation they reference. */
    record ForeignKey(String name, List<String> columns, String referencedSchema, String referencedTable,
            List<String> referencedColumns) {}

    /** A primary or unique key: its name and its columns in key order. */
    record Key(String name, boolean primary, List<String> columns) {}

    /** A column as the engine's information_schema gives it, with its default expression if any. */
    record Attribute(String name, String engineType, boolean notNull, Optional<String> defaultExpression) {}

    private SystemCatalogSchema() {}

    /**
     * Who the mirror is for: the session's user and database, the schema its unqualified names
     * resolve in (its search_path, else the engine's default; empty when neither is known) and its
     * settings.
     */
    record Session(String user, String database, Optional<String> schema, Map<String, String> settings) {}

    static void create(Connection connection, List<String> schemas, List<Relation> relations, Session session)
            throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : SystemCatalogDefinitions.TABLES) {
                s.execute("CREATE TABLE " + SCHEMA + "." + table);
            }
            s.execute("CREATE TABLE " + SCHEMA + ".qf_type_display (oid BIGINT, display VARCHAR)");
            // What pg_get_indexdef() and pg_get_constraintdef() print, by the object's OID; for an
            // index also each key column alone, by position (pgjdbc's getIndexInfo asks for those).
            s.execute("CREATE TABLE " + SCHEMA + ".qf_definition (oid BIGINT, position INTEGER, definition VARCHAR)");
            // Overloads of one name must be created together: name(a) AS x, (a, b) AS y.
            Map<String, List<String>> overloads = new LinkedHashMap<>();
            for (String macro : SystemCatalogDefinitions.MACROS) {
                int paren = macro.indexOf('(');
                overloads.computeIfAbsent(macro.substring(0, paren), k -> new java.util.ArrayList<>())
                        .add(macro.substring(paren));
            }
            for (Map.Entry<String, List<String>> macro : overloads.entrySet()) {
                s.execute("CREATE MACRO " + SCHEMA + "." + macro.getKey() + String.join(", ", macro.getValue()));
            }
            s.execute("INSERT INTO pgc.pg_roles VALUES (" + OWNER_OID + ", " + literal(session.user())
                    + ", false, true, false, false, true, false, -1, '********', NULL, false, NULL)");
            s.execute("INSERT INTO pgc.pg_user VALUES (" + literal(session.user()) + ", " + OWNER_OID
                    + ", false, false, false, false, '********', NULL, NULL)");
            s.execute("INSERT INTO pgc.pg_am VALUES (" + HEAP_AM_OID + ", 'heap', 'heap_tableam_handler', 't'), ("
                    + BTREE_AM_OID + ", 'btree', 'bthandler', 'i')");
            s.execute("INSERT INTO pgc.pg_tablespace VALUES (1663, 'pg_default', " + OWNER_OID + ", NULL, NULL)");
            s.execute("INSERT INTO pgc.pg_database VALUES (" + DATABASE_OID + ", " + literal(session.database()) + ", " + OWNER_OID
                    + ", 6, 'c', false, true, -1, 0, 0, 1663, 'C', 'C', NULL, NULL, NULL)");
            s.execute("INSERT INTO pgc.pg_language VALUES (12, 'internal', 10, false, false, 0, 0, 2246, NULL),"
                    + " (14, 'sql', 10, false, true, 0, 0, 2248, NULL)");
        }
        insertTypes(connection);
        insertSettings(connection, session.settings());
        Map<String, Integer> namespaces = insertRelations(connection, schemas, relations);
        insertForeignKeys(connection, relations, namespaces, insertKeys(connection, relations, namespaces));
        createSessionMacros(connection, namespaces, session);
        createViews(connection);
        insertSystemRelations(connection);
    }

    /** pg_catalog's system views and the information_schema, over the filled tables. */
    private static void createViews(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = '" + SCHEMA + "'"); // the macros the views call
            for (String view : SystemCatalogDefinitions.VIEWS) {
                s.execute("CREATE VIEW " + SCHEMA + "." + view);
            }
            s.execute("CREATE SCHEMA " + SystemCatalogDefinitions.INFORMATION_SCHEMA);
            for (String view : SystemCatalogDefinitions.INFORMATION_SCHEMA_VIEWS) {
                s.execute("CREATE VIEW " + SystemCatalogDefinitions.INFORMATION_SCHEMA + "." + view);
            }
        }
    }

    /**
     * The catalogs describe themselves, as PostgreSQL's do: pg_catalog's tables and views and the
     * information_schema views in pg_class and pg_attribute (psql's \\dS and \\d pg_class;
     * pgAdmin finds constraints through pg_constraint's OID there). The mirror's own helper
     * tables (qf_*) are left out.
     */
    private static void insertSystemRelations(Connection connection) throws SQLException {
        Map<String, Long> oids = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT schema_name, table_name, 'r' FROM duckdb_tables() WHERE schema_name"
                        + " IN ('" + SCHEMA + "', '" + SystemCatalogDefinitions.INFORMATION_SCHEMA + "') UNION ALL"
                        + " SELECT schema_name, view_name, 'v' FROM duckdb_views() WHERE schema_name IN ('" + SCHEMA
                        + "', '" + SystemCatalogDefinitions.INFORMATION_SCHEMA + "') ORDER BY 1, 2")) {
            long next = FIRST_SYSTEM_RELATION_OID;
            while (rs.next()) {
                if (!rs.getString(2).startsWith("qf_")) {
                    String name = rs.getString(1) + "." + rs.getString(2);
                    oids.put(name, SYSTEM_RELATION_OIDS.getOrDefault(rs.getString(2), next++));
                    kinds.put(name, rs.getString(3));
                }
            }
        }
        // Set-based: DuckDB runs a JDBC batch row by row, about a millisecond a row here, and the
        // catalogs have some 900 columns. The relations' OIDs and the types' are joined in.
        List<String> relationRows = new ArrayList<>();
        oids.forEach((name, oid) -> relationRows.add("(" + literal(name) + ", " + oid + ")"));
        List<String> typeRows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet types = s.executeQuery("SELECT DISTINCT data_type FROM duckdb_columns() WHERE schema_name IN ('"
                        + SCHEMA + "', '" + SystemCatalogDefinitions.INFORMATION_SCHEMA + "')")) {
            while (types.next()) {
                PgColumnType type = EngineTypeNames.toPg(types.getString(1));
                typeRows.add("(" + literal(types.getString(1)) + ", " + type.oid() + ", " + type.size() + ", "
                        + (PgType.byArrayOid(type.oid()).isPresent() ? 1 : 0) + ", " + type.modifier() + ")");
            }
        }
        String attributes = "SELECT " + valuesRow(INSERT_ATTRIBUTE, new Expression("r.oid"),
                new Expression("c.column_name"), new Expression("t.oid"), new Expression("t.len"),
                new Expression("c.column_index"), new Expression("t.ndims"), new Expression("t.typmod"), false, false)
                .replaceAll("^\\(|\\)$", "")
                + " FROM duckdb_columns() c JOIN (VALUES " + String.join(", ", relationRows) + ") r(name, oid)"
                + " ON r.name = c.schema_name || '.' || c.table_name JOIN (VALUES " + String.join(", ", typeRows)
                + ") t(data_type, oid, len, ndims, typmod) ON t.data_type = c.data_type";
        List<String> classes = new ArrayList<>();
        for (Map.Entry<String, Long> relation : oids.entrySet()) {
            String[] name = relation.getKey().split("\\.", 2);
            String kind = kinds.get(relation.getKey());
            classes.add(valuesRow(INSERT_CLASS, relation.getValue(), name[1], name[0].equals(SCHEMA) ? PG_CATALOG_OID
                    : INFORMATION_SCHEMA_OID, kind.equals("r") ? HEAP_AM_OID : 0, relation.getValue(), kind, 0));
        }
        try (Statement s = connection.createStatement()) {
            s.execute(insertInto(INSERT_CLASS) + String.join(", ", classes));
            s.execute(insertInto(INSERT_ATTRIBUTE).replace(" VALUES ", " ") + attributes);
        }
    }

    /** SQL put into a row as it is, not as a literal. */
    private record Expression(String sql) {}

    /** An INSERT template up to its VALUES keyword. */
    private static String insertInto(String template) {
        return template.substring(0, template.indexOf("VALUES") + "VALUES".length()) + " ";
    }

    /**
     * The template's row of values with each ? replaced by the next value: a string as a
     * literal (an SQL expression when it is an {@link Expression}), others as they print.
     */
    private static String valuesRow(String template, Object... values) {
        String row = template.substring(template.indexOf("VALUES") + "VALUES".length()).strip();
        StringBuilder out = new StringBuilder(row.length() + 64);
        int next = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '?') {
                Object value = values[next++];
                out.append(value instanceof Expression e ? e.sql() : value instanceof String text ? literal(text)
                        : String.valueOf(value));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The macros whose answer depends on the session. current_schemas() is a constant, not a
     * subquery: pgjdbc passes it to generate_series(), and DuckDB's table functions take no
     * subqueries.
     */
    private static void createSessionMacros(Connection connection, Map<String, Integer> namespaces, Session session)
            throws SQLException {
        // The search path is the session's schema, as in PostgreSQL; when the mirror does not
        // know it, every schema is on it. (Engines such as DuckDB match schema names in any case.)
        Optional<String> current = session.schema().flatMap(schema -> namespaces.keySet().stream()
                .filter(schema::equalsIgnoreCase).findFirst());
        List<String> path = current.map(List::of).orElseGet(() -> namespaces.keySet().stream()
                .filter(n -> !n.equals("pg_catalog") && !n.equals("information_schema")).toList());
        List<String> implicitPath = new ArrayList<>(List.of("pg_catalog"));
        implicitPath.addAll(path);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE MACRO " + SCHEMA + ".current_schemas(implicit) AS CASE WHEN implicit THEN "
                    + textList(implicitPath) + " ELSE " + textList(path) + " END");
            // psql's \dt and \d name list what the search path reaches, as PostgreSQL's do.
            s.execute("CREATE MACRO " + SCHEMA + ".pg_table_is_visible(o) AS o IN (SELECT oid FROM " + SCHEMA
                    + ".pg_class WHERE relnamespace IN (" + String.join(", ", implicitPath.stream()
                            .map(n -> namespaces.get(n).toString()).toList()) + "))");
            s.execute("CREATE MACRO " + SCHEMA + ".current_schema() AS "
                    + current.map(SystemCatalogSchema::literal).orElse("NULL::VARCHAR"));
            s.execute("CREATE MACRO " + SCHEMA + ".current_database() AS " + literal(session.database()));
            s.execute("CREATE MACRO " + SCHEMA + ".qf_user() AS " + literal(session.user()));
            s.execute("SET search_path = '" + SCHEMA + "'"); // the macros to_regclass calls
            s.execute("CREATE MACRO " + SCHEMA + "." + SystemCatalogDefinitions.TO_REGCLASS);
            s.execute("CREATE MACRO " + SCHEMA + ".qf_regclass_name(o) AS (SELECT CASE WHEN pg_table_is_visible(c.oid)"
                    + " THEN quote_ident(c.relname) ELSE quote_ident(n.nspname) || '.' || quote_ident(c.relname) END"
                    + " FROM pgc.pg_class c JOIN pgc.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = o)");
            // A constant too (Grafana passes current_setting('search_path') to generate_series()).
            StringBuilder settings = new StringBuilder("CASE lower(n)");
            session.settings().forEach((name, value) -> settings.append(" WHEN ")
                    .append(literal(name.toLowerCase(java.util.Locale.ROOT))).append(" THEN ").append(literal(value)));
            settings.append(" ELSE NULL::VARCHAR END");
            s.execute("CREATE MACRO " + SCHEMA + ".current_setting(n) AS " + settings + ", (n, missing_ok) AS "
                    + settings);
            // DuckDB's parser is PostgreSQL's, and so are its keywords.
            s.execute("CREATE MACRO " + SCHEMA + ".pg_get_keywords() AS TABLE SELECT keyword_name AS word,"
                    + " CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'unreserved' THEN 'U'"
                    + " WHEN 'type_function' THEN 'T' ELSE 'C' END AS catcode, keyword_category AS catdesc"
                    + " FROM duckdb_keywords()");
        }
    }

    private static void insertTypes(Connection connection) throws SQLException {
        List<String> types = new ArrayList<>();
        List<String> displays = new ArrayList<>();
        // Each type's receive function: Npgsql joins pg_proc on typreceive to find the arrays.
        List<String> receives = new ArrayList<>();
        int receiveOid = FIRST_RECEIVE_OID;
        for (PgType type : PgType.values()) {
            addType(types, type.oid(), type.typeName(), type.length(), 0, type.arrayOid(), category(type), receiveOid);
            receives.add(valuesRow(INSERT_RECEIVE, receiveOid++, type.typeName() + "_recv", type.oid(),
                    type.typeName() + "_recv"));
            addType(types, type.arrayOid(), "_" + type.typeName(), -1, type.oid(), 0, "A", ARRAY_RECV_OID);
            displays.add(valuesRow(INSERT_DISPLAY, type.oid(), display(type)));
            displays.add(valuesRow(INSERT_DISPLAY, type.arrayOid(), display(type) + "[]"));
        }
        receives.add(valuesRow(INSERT_RECEIVE, ARRAY_RECV_OID, "array_recv", ANYARRAY_OID, "array_recv"));
        try (Statement s = connection.createStatement()) {
            s.execute(insertInto(INSERT_TYPE) + String.join(", ", types));
            s.execute(insertInto(INSERT_DISPLAY) + String.join(", ", displays));
            s.execute(insertInto(INSERT_RECEIVE) + String.join(", ", receives));
        }
    }

    private static void addType(List<String> types, int oid, String name, int length, int element, int array,
            String category, long receiveOid) {
        if (oid == 0) {
            return;
        }
        String base = element != 0 ? "array" : name;
        types.add(valuesRow(INSERT_TYPE, oid, name, length, length > 0 && length <= 8, category, element, array,
                base + "_in", base + "_out", receiveOid, base + "_send",
                length == 8 ? "d" : length == 2 ? "s" : length == 1 ? "c" : "i"));
    }

    private static String category(PgType type) {
        return switch (type) {
            case BOOL -> "B";
            case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, OID, REGPROC, REGCLASS, REGTYPE, XID -> "N";
            case DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ -> "D";
            case INTERVAL -> "T";
            case TEXT, VARCHAR, BPCHAR, NAME, CHAR -> "S";
            default -> "U";
        };
    }

    /** How format_type() spells a type. */
    private static String display(PgType type) {
        return switch (type) {
            case BOOL -> "boolean";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case VARCHAR -> "character varying";
            case BPCHAR -> "character";
            case TIME -> "time without time zone";
            case TIMETZ -> "time with time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case CHAR -> "\"char\"";
            default -> type.typeName();
        };
    }

    private static void insertSettings(Connection connection, Map<String, String> settings) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pgc.pg_settings VALUES (?, ?, NULL,"
                + " 'Client Connection Defaults', '', '', 'user', 'string', 'session', NULL, NULL, NULL, ?, ?, NULL,"
                + " NULL, false)")) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                insert.setString(3, e.getValue());
                insert.setString(4, e.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Fills pg_namespace, pg_class and pg_attribute; returns the namespaces' OIDs by name. */
    private static Map<String, Integer> insertRelations(Connection connection, List<String> schemas,
            List<Relation> relations) throws SQLException {
        Map<String, Integer> namespaces = new LinkedHashMap<>();
        namespaces.put("pg_catalog", PG_CATALOG_OID);
        namespaces.put("information_schema", INFORMATION_SCHEMA_OID);
        for (String schema : schemas) {
            namespaces.computeIfAbsent(schema, s -> namespaceOid(s, namespaces.size()));
        }
        for (Relation r : relations) {
            namespaces.computeIfAbsent(r.schema(), s -> namespaceOid(s, namespaces.size()));
        }
        try (PreparedStatement ns = connection.prepareStatement("INSERT INTO pgc.pg_namespace VALUES (?, ?, "
                + OWNER_OID + ", NULL)")) {
            for (Map.Entry<String, Integer> e : namespaces.entrySet()) {
                ns.setLong(1, e.getValue());
                ns.setString(2, e.getKey());
                ns.addBatch();
            }
            ns.executeBatch();
        }
        try (PreparedStatement cls = connection.prepareStatement(INSERT_CLASS);
                PreparedStatement att = connection.prepareStatement(INSERT_ATTRIBUTE);
                PreparedStatement def = connection.prepareStatement("INSERT INTO pgc.pg_attrdef VALUES (?, ?, ?, ?)");
                PreparedStatement viewDefinition = connection.prepareStatement(
                        "INSERT INTO pgc.qf_definition VALUES (?, ?, ?)")) {
            int defaultOid = FIRST_RELATION_OID + relations.size();
            int oid = FIRST_RELATION_OID;
            for (Relation r : relations) {
                addClass(cls, oid, r.name(), namespaces.get(r.schema()), r.view() ? 0 : HEAP_AM_OID, r.view() ? "v" : "r",
                        r.columns().size());
                for (int i = 0; i < r.columns().size(); i++) {
                    Attribute c = r.columns().get(i);
                    addAttribute(att, oid, c.name(), EngineTypeNames.toPg(c.engineType()), i + 1, c.notNull(),
                            c.defaultExpression().isPresent());
                    if (c.defaultExpression().isPresent()) { // psql's \d shows it in "Default"
                        def.setLong(1, defaultOid++);
                        def.setLong(2, oid);
                        def.setInt(3, i + 1);
                        def.setString(4, c.defaultExpression().get());
                        def.addBatch();
                    }
                }
                if (r.definition().isPresent()) {
                    addDefinition(viewDefinition, oid, 0, r.definition().get());
                }
                oid++;
            }
            cls.executeBatch();
            att.executeBatch();
            def.executeBatch();
            viewDefinition.executeBatch();
        }
        return namespaces;
    }

    /**
     * Each key as PostgreSQL keeps it: an index (pg_class and pg_index, what pgjdbc's
     * getPrimaryKeys and getIndexInfo read) and a constraint (pg_constraint, what SQLAlchemy
     * reads), with the definitions psql's {@code \\d} prints. Relations have their OIDs in order.
     * Returns the keys' index OIDs by relation OID and columns ({@link #keyName}).
     */
    private static Map<String, Long> insertKeys(Connection connection, List<Relation> relations,
            Map<String, Integer> namespaces) throws SQLException {
        Map<String, Long> keyIndexes = new LinkedHashMap<>();
        try (PreparedStatement index = connection.prepareStatement(INSERT_CLASS);
                PreparedStatement pgIndex = connection.prepareStatement("INSERT INTO pgc.pg_index VALUES (?, ?, ?, ?,"
                        + " true, false, ?, false, true, false, true, false, true, true, false, ?::SMALLINT[],"
                        + " ?::BIGINT[], ?::BIGINT[], ?::SMALLINT[], NULL, NULL)");
                PreparedStatement constraint = connection.prepareStatement("INSERT INTO pgc.pg_constraint VALUES (?, ?,"
                        + " ?, ?, false, false, true, ?, 0, ?, 0, 0, ' ', ' ', ' ', true, 0, true, ?::SMALLINT[],"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                PreparedStatement definition = connection.prepareStatement(
                        "INSERT INTO pgc.qf_definition VALUES (?, ?, ?)");
                PreparedStatement indexAttribute = connection.prepareStatement(INSERT_ATTRIBUTE);
                // The index belongs to its constraint (pgAdmin lists it under Constraints, not Indexes).
                PreparedStatement depend = connection.prepareStatement(
                        "INSERT INTO pgc.pg_depend VALUES (1259, ?, 0, 2606, ?, 0, 'i')")) {
            int keyNumber = 0;
            for (int r = 0; r < relations.size(); r++) {
                Relation relation = relations.get(r);
                long relationOid = FIRST_RELATION_OID + r;
                long namespace = namespaces.get(relation.schema());
                List<String> names = relation.columns().stream().map(Attribute::name).toList();
                for (Key key : relation.keys()) {
                    if (!names.containsAll(key.columns())) {
                        continue; // a column the mirror did not read: no key rather than a wrong one
                    }
                    long indexOid = FIRST_INDEX_OID + keyNumber;
                    long constraintOid = FIRST_CONSTRAINT_OID + keyNumber++;
                    keyIndexes.put(keyName(relationOid, key.columns()), indexOid);
                    String attnums = attributeNumbers(relation, key.columns()).orElseThrow();
                    String columnList = columnList(key.columns());
                    addClass(index, indexOid, key.name(), namespace, BTREE_AM_OID, "i", key.columns().size());
                    for (int c = 0; c < key.columns().size(); c++) { // an index has its key columns as attributes
                        Attribute column = relation.columns().get(names.indexOf(key.columns().get(c)));
                        addAttribute(indexAttribute, indexOid, column.name(), EngineTypeNames.toPg(column.engineType()),
                                c + 1, false, false);
                    }
                    pgIndex.setLong(1, indexOid);
                    pgIndex.setLong(2, relationOid);
                    pgIndex.setInt(3, key.columns().size());
                    pgIndex.setInt(4, key.columns().size());
                    pgIndex.setBoolean(5, key.primary());
                    pgIndex.setString(6, attnums);
                    // No collations, operator classes or options, but as many entries as keys, as in PostgreSQL.
                    String zeros = Collections.nCopies(key.columns().size(), "0").toString();
                    pgIndex.setString(7, zeros);
                    pgIndex.setString(8, zeros);
                    pgIndex.setString(9, zeros);
                    pgIndex.addBatch();
                    constraint.setLong(1, constraintOid);
                    constraint.setString(2, key.name());
                    constraint.setLong(3, namespace);
                    constraint.setString(4, key.primary() ? "p" : "u");
                    constraint.setLong(5, relationOid);
                    constraint.setLong(6, indexOid);
                    constraint.setString(7, attnums);
                    constraint.addBatch();
                    depend.setLong(1, indexOid);
                    depend.setLong(2, constraintOid);
                    depend.addBatch();
                    addDefinition(definition, indexOid, 0, "CREATE UNIQUE INDEX " + identifier(key.name()) + " ON "
                            + identifier(relation.schema()) + "." + identifier(relation.name()) + " USING btree ("
                            + columnList + ")");
                    for (int c = 0; c < key.columns().size(); c++) {
                        addDefinition(definition, indexOid, c + 1, identifier(key.columns().get(c)));
                    }
                    addDefinition(definition, constraintOid, 0, (key.primary() ? "PRIMARY KEY (" : "UNIQUE (")
                            + columnList + ")");
                }
            }
            index.executeBatch();
            pgIndex.executeBatch();
            constraint.executeBatch();
            definition.executeBatch();
            depend.executeBatch();
            indexAttribute.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("UPDATE pgc.pg_class SET relhasindex = true WHERE oid IN (SELECT indrelid FROM pgc.pg_index)");
        }
        return keyIndexes;
    }

    private static String keyName(long relationOid, List<String> columns) {
        return relationOid + "\0" + String.join("\0", columns);
    }

    /**
     * Foreign keys as pg_constraint rows (contype f) with the referenced key's index, as
     * PostgreSQL keeps them: Metabase, DBeaver and psql's {@code \\d} read them there.
     */
    private static void insertForeignKeys(Connection connection, List<Relation> relations,
            Map<String, Integer> namespaces, Map<String, Long> keyIndexes) throws SQLException {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int r = 0; r < relations.size(); r++) {
            positions.put(relations.get(r).schema() + "\0" + relations.get(r).name(), r);
        }
        try (PreparedStatement constraint = connection.prepareStatement("INSERT INTO pgc.pg_constraint VALUES (?, ?,"
                + " ?, 'f', false, false, true, ?, 0, ?, 0, ?, 'a', 'a', 's', true, 0, true, ?::SMALLINT[],"
                + " ?::SMALLINT[], NULL, NULL, NULL, NULL, NULL, NULL)");
                PreparedStatement definition = connection.prepareStatement(
                        "INSERT INTO pgc.qf_definition VALUES (?, ?, ?)")) {
            long oid = FIRST_FOREIGN_KEY_OID;
            for (int r = 0; r < relations.size(); r++) {
                Relation relation = relations.get(r);
                for (ForeignKey key : relation.foreignKeys()) {
                    Integer target = positions.get(key.referencedSchema() + "\0" + key.referencedTable());
                    if (target == null) {
                        continue; // a relation the mirror does not have
                    }
                    Relation referenced = relations.get(target);
                    Optional<String> columns = attributeNumbers(relation, key.columns());
                    Optional<String> referencedColumns = attributeNumbers(referenced, key.referencedColumns());
                    if (columns.isEmpty() || referencedColumns.isEmpty()) {
                        continue;
                    }
                    long referencedOid = FIRST_RELATION_OID + target;
                    constraint.setLong(1, oid);
                    constraint.setString(2, key.name());
                    constraint.setLong(3, namespaces.get(relation.schema()));
                    constraint.setLong(4, FIRST_RELATION_OID + r);
                    constraint.setLong(5, keyIndexes.getOrDefault(keyName(referencedOid, key.referencedColumns()), 0L));
                    constraint.setLong(6, referencedOid);
                    constraint.setString(7, columns.get());
                    constraint.setString(8, referencedColumns.get());
                    constraint.addBatch();
                    String table = referenced.schema().equals(relation.schema()) ? identifier(referenced.name())
                            : identifier(referenced.schema()) + "." + identifier(referenced.name());
                    addDefinition(definition, oid++, 0, "FOREIGN KEY (" + columnList(key.columns()) + ") REFERENCES "
                            + table + "(" + columnList(key.referencedColumns()) + ")");
                }
            }
            constraint.executeBatch();
            definition.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            // PostgreSQL enforces foreign keys with triggers; psql's \\d looks for them only then.
            s.execute("UPDATE pgc.pg_class SET relhastriggers = true WHERE oid IN (SELECT conrelid FROM"
                    + " pgc.pg_constraint WHERE contype = 'f' UNION SELECT confrelid FROM pgc.pg_constraint"
                    + " WHERE contype = 'f')");
        }
    }

    /** The columns' attribute numbers as DuckDB's list text ([1, 2]); empty when one is not mirrored. */
    private static Optional<String> attributeNumbers(Relation relation, List<String> columns) {
        List<String> names = relation.columns().stream().map(Attribute::name).toList();
        if (!names.containsAll(columns)) {
            return Optional.empty();
        }
        return Optional.of(columns.stream().map(c -> Integer.toString(names.indexOf(c) + 1)).toList().toString());
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SystemCatalogSchema::identifier).toList());
    }

    private static void addAttribute(PreparedStatement att, long relation, String name, PgColumnType type, int number,
            boolean notNull, boolean hasDefault) throws SQLException {
        att.setLong(1, relation);
        att.setString(2, name);
        att.setLong(3, type.oid());
        att.setInt(4, type.size());
        att.setInt(5, number);
        att.setInt(6, PgType.byArrayOid(type.oid()).isPresent() ? 1 : 0);
        att.setInt(7, type.modifier());
        att.setBoolean(8, notNull);
        att.setBoolean(9, hasDefault);
        att.addBatch();
    }

    /** A pg_class row: its OID is also its relfilenode. */
    private static void addClass(PreparedStatement cls, long oid, String name, long namespace, int accessMethod,
            String kind, int attributes) throws SQLException {
        cls.setLong(1, oid);
        cls.setString(2, name);
        cls.setLong(3, namespace);
        cls.setLong(4, accessMethod);
        cls.setLong(5, oid);
        cls.setString(6, kind);
        cls.setInt(7, attributes);
        cls.addBatch();
    }

    private static void addDefinition(PreparedStatement definition, long oid, int position, String text)
            throws SQLException {
        definition.setLong(1, oid);
        definition.setInt(2, position);
        definition.setString(3, text);
        definition.addBatch();
    }

    /** An identifier as PostgreSQL prints it: quoted unless it is a plain lower-case name. */
    private static String identifier(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static int namespaceOid(String schema, int index) {
        return schema.equals("public") ? PUBLIC_OID : FIRST_NAMESPACE_OID + index;
    }

    private static String textList(List<String> texts) {
        return "[" + String.join(", ", texts.stream().map(SystemCatalogSchema::literal).toList()) + "]::VARCHAR[]";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
