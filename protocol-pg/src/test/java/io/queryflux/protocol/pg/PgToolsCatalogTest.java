package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metadata queries BI and database tools send, as their sources have them (in
 * src/test/resources/tools), through pgjdbc to a DuckDB behind the proxy: each must run and
 * list what PostgreSQL would for the same tables.
 */
class PgToolsCatalogTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT NOT NULL, customer VARCHAR, amount DECIMAL(10,2), placed DATE,"
                    + " tags VARCHAR[])");
            s.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY, code VARCHAR UNIQUE)");
            s.execute("CREATE TABLE notes (keyed_id INTEGER REFERENCES keyed (id), note VARCHAR)");
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.regions (code VARCHAR, name VARCHAR)");
            s.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void informationSchemaIsPostgresqls() throws Exception {
        // What Power BI's navigator and Npgsql's GetSchema read: the user's tables, not the proxy's.
        assertEquals(List.of(List.of("main", "big_orders", "VIEW"), List.of("main", "keyed", "BASE TABLE"),
                        List.of("main", "notes", "BASE TABLE"), List.of("main", "orders", "BASE TABLE"),
                        List.of("sales", "regions", "BASE TABLE")),
                rows("SELECT table_schema, table_name, table_type FROM information_schema.tables"
                        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"));
        assertEquals(List.of(List.of("id", "bigint", "int8", "64", "0", "NO"),
                        Arrays.asList("customer", "character varying", "varchar", null, null, "YES"),
                        List.of("amount", "numeric", "numeric", "10", "2", "YES"),
                        Arrays.asList("placed", "date", "date", null, null, "YES"),
                        Arrays.asList("tags", "ARRAY", "_varchar", null, null, "YES")),
                rows("SELECT column_name, data_type, udt_name, numeric_precision, numeric_scale, is_nullable"
                        + " FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position"));
        assertEquals(List.of(List.of("analytics", "main"), List.of("analytics", "sales")),
                rows("SELECT catalog_name, schema_name FROM information_schema.schemata"
                        + " WHERE schema_name NOT IN ('pg_catalog', 'information_schema') ORDER BY 2"));
        assertEquals(List.of(List.of("notes", "FOREIGN KEY", "keyed_id"), List.of("keyed", "PRIMARY KEY", "id"),
                        List.of("keyed", "UNIQUE", "code")),
                rows("SELECT tc.table_name, tc.constraint_type, k.column_name FROM information_schema.table_constraints tc"
                        + " JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name"
                        + " ORDER BY tc.constraint_type"));
        assertEquals(List.of(List.of("notes_keyed_id_id_fkey", "keyed_id_pkey", "keyed", "id")),
                rows("SELECT rc.constraint_name, rc.unique_constraint_name, k.table_name, k.column_name"
                        + " FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage k"
                        + " ON k.constraint_name = rc.unique_constraint_name"));
        assertEquals(List.of(List.of("big_orders")),
                rows("SELECT table_name FROM information_schema.views WHERE table_schema = 'main'"));
        // The catalogs describe themselves, as PostgreSQL's do.
        assertEquals(List.of(List.of("pg_catalog", "pg_class", "BASE TABLE"), List.of("pg_catalog", "pg_tables", "VIEW"),
                        List.of("information_schema", "columns", "VIEW")),
                rows("SELECT table_schema, table_name, table_type FROM information_schema.tables"
                        + " WHERE table_name IN ('pg_class', 'pg_tables', 'columns') ORDER BY table_type, 1 DESC"));
    }

    @Test
    void grafanaListsTablesAndColumns() throws Exception {
        // Tables on the search path (DuckDB's main) unqualified, others with their schema.
        assertEquals(List.of(List.of("big_orders"), List.of("keyed"), List.of("notes"), List.of("orders"),
                        List.of("sales.regions")),
                rows(tool("grafana-tables.sql")));
        assertEquals(List.of(List.of("id", "bigint"), List.of("customer", "character varying"),
                        List.of("amount", "numeric"), List.of("placed", "date"), List.of("tags", "ARRAY")),
                rows(tool("grafana-columns.sql")));
        // Its version check, which picks the SQL it generates.
        assertEquals(List.of(List.of("1500")), rows("SELECT current_setting('server_version_num')::int/100 as version"));
    }

    @Test
    void metabaseSyncsTablesFieldsAndPrivileges() throws Exception {
        assertEquals(List.of(List.of("main", "keyed", "TABLE"), List.of("main", "notes", "TABLE"),
                        List.of("main", "orders", "TABLE"),
                        List.of("sales", "regions", "TABLE"), List.of("main", "big_orders", "VIEW")),
                rows(tool("metabase-tables.sql")).stream().map(r -> r.subList(0, 3)).toList());
        List<List<String>> fields = rows(tool("metabase-fields.sql"));
        assertTrue(fields.contains(Arrays.asList("id", "int4", "0", "main", "keyed", "t", null, "t", "f")), fields.toString());
        assertTrue(fields.contains(Arrays.asList("amount", "numeric", "2", "main", "orders", "f", null, "f", "f")),
                fields.toString());
        List<List<String>> privileges = rows(tool("metabase-privileges.sql"));
        assertEquals(5, privileges.size(), privileges.toString());
        assertEquals(List.of(List.of("main", "notes", "keyed_id", "main", "keyed", "id")),
                rows(tool("metabase-foreign-keys.sql")));
        assertTrue(privileges.stream().allMatch(p -> p.get(4).equals("t")), "select on every table: " + privileges);
    }

    @Test
    void npgsqlLoadsTypesWithArrays() throws Exception {
        // Npgsql tells arrays by their receive function, array_recv: without them it can read no array column.
        Map<String, List<String>> v4 = byName(rows(tool("npgsql4-types.sql")), 1);
        assertEquals(List.of("pg_catalog", "int4", "23", "0", "0", "b", "0", "0"), v4.get("int4"));
        assertEquals(List.of("pg_catalog", "_int4", "1007", "0", "0", "a", "23", "3"), v4.get("_int4"));
        Map<String, List<String>> v8 = byName(rows(tool("npgsql8-types.sql")), 2);
        assertEquals(List.of("pg_catalog", "1015", "_varchar", "a", "f", "1043"), v8.get("_varchar"));
        assertEquals("b", v8.get("numeric").get(3));
    }

    @Test
    void pgAdminConnectsAndReadsItsRole() throws Exception {
        try (Connection c = server.connect("preferQueryMode=simple");
                Statement s = c.createStatement()) {
            s.execute(tool("pgadmin-connect.sql")); // four statements in one Query message
            List<String> answers = new ArrayList<>();
            do {
                try (ResultSet rs = s.getResultSet()) {
                    if (rs != null && rs.next()) {
                        answers.add(rs.getString(1));
                    }
                }
            } while (s.getMoreResults() || s.getUpdateCount() != -1);
            assertEquals(List.of("hex"), answers);
        }
        assertEquals(List.of(List.of("10", PgTestServer.USER, "f", "f", "f", "f")), rows(tool("pgadmin-role.sql")));
        // Found through pg_depend and the catalogs' own OIDs (tableoid), so listed as a constraint.
        assertEquals(List.of("keyed_id_pkey"), rows(tool("pgadmin-primary-key.sql")).stream().map(r -> r.get(1)).toList());
        // pgAdmin takes databases with OIDs up to 16383 for PostgreSQL's own.
        assertEquals(List.of(List.of("analytics")),
                rows("SELECT db.datname FROM pg_catalog.pg_database db WHERE db.oid > 16383::OID"));
    }

    @Test
    void dataGripAndDBeaverReadColumnsAndIndexes() throws Exception {
        List<List<String>> columns = rows(tool("datagrip-columns.sql"));
        assertTrue(columns.stream().anyMatch(r -> r.get(2).equals("amount") && r.get(6).equals("numeric(10,2)")
                && r.get(3).equals("0")), "xmin read as a state number: " + columns);
        // psqlODBC reads the index's own attributes and int2vector's 0-based subscripts.
        assertEquals(List.of(List.of("id", "1", "keyed_id_pkey", "main", "keyed")), rows(tool("psqlodbc-primary-keys.sql")));
        // psqlODBC's SQLForeignKeys numbers key columns with generate_series in a select list.
        List<List<String>> foreignKeys = rows(tool("psqlodbc-foreign-keys.sql"));
        assertEquals(List.of(List.of("analytics", "main", "keyed", "id", "analytics", "main", "notes", "keyed_id", "1")),
                foreignKeys.stream().map(r -> r.subList(0, 9)).toList());
        List<List<String>> indexes = rows(tool("dbeaver-indexes.sql"));
        assertEquals(2, indexes.size(), indexes.toString());
        // What both show as a table's references, through pgjdbc's DatabaseMetaData.
        try (Connection c = server.connect("");
                ResultSet imported = c.getMetaData().getImportedKeys(null, "main", "notes");
                ResultSet exported = c.getMetaData().getExportedKeys(null, "main", "keyed")) {
            assertTrue(imported.next());
            assertEquals(List.of("keyed", "id", "notes", "keyed_id", "notes_keyed_id_id_fkey", "keyed_id_pkey"),
                    List.of(imported.getString("PKTABLE_NAME"), imported.getString("PKCOLUMN_NAME"),
                            imported.getString("FKTABLE_NAME"), imported.getString("FKCOLUMN_NAME"),
                            imported.getString("FK_NAME"), imported.getString("PK_NAME")));
            assertFalse(imported.next());
            assertTrue(exported.next());
            assertEquals("notes", exported.getString("FKTABLE_NAME"));
        }
    }

    @Test
    void catalogFunctionsWithoutATableAreAnsweredAsPostgresqlWould() throws Exception {
        assertEquals(List.of(List.of("integer", "{main}", "analytics", "\"$user\", main")),
                rows("SELECT format_type(23, -1), current_schemas(false), current_database() AS db,"
                        + " current_setting('search_path') AS path"));
        assertEquals(List.of(List.of("t", "f", "t", "t")),
                rows("SELECT 'pg_catalog' ~ '^pg_', 'main' ~ '^pg_', 'pg_catalog' LIKE E'pg\\\\_%', 'x' = ANY(ARRAY(SELECT 'x'))"
                        + " FROM pg_catalog.pg_database"));
        assertEquals(List.of(List.of("1259", "t")), rows("SELECT 'pg_class'::regclass::oid,"
                + " CAST(CAST(format('%I.%I', 'main', 'orders') AS regclass) AS oid) > 16384 FROM pg_catalog.pg_am LIMIT 1"));
    }

    @Test
    void namesQualifiedWithTheDatabaseWork() throws Exception {
        // dbt-postgres writes every relation as "database"."schema"."name".
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"analytics\".\"sales\".\"model\" AS SELECT 1 AS x");
            assertEquals("1", firstValue(s, "SELECT x FROM analytics.sales.model"));
            assertEquals("x", firstValue(s, "SELECT column_name FROM \"analytics\".information_schema.columns"
                    + " WHERE table_name = 'model'"));
            // Its relation cache groups by names that are table aliases too; no view dependencies are mirrored.
            try (ResultSet rs = s.executeQuery(tool("dbt-relations.sql"))) {
                assertEquals("referenced_schema", rs.getMetaData().getColumnName(1));
                assertFalse(rs.next());
            }
            assertEquals(" SELECT * FROM orders WHERE (amount > 100);", firstValue(s,
                    "SELECT definition FROM pg_views WHERE viewname = 'big_orders'"));
            s.execute("DROP TABLE IF EXISTS \"analytics\".\"sales\".\"model\" CASCADE");
            assertEquals("0", firstValue(s, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'model'"));
        }
    }

    @Test
    void discardAllAndResetKeepTheSessionUsable() throws Exception {
        // Npgsql and poolers send DISCARD ALL when they hand a connection on.
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("SET search_path TO sales");
            s.execute("DISCARD ALL");
            assertEquals("0", firstValue(s, "SELECT count(*) FROM orders"));
            s.execute("SET search_path TO sales");
            s.execute("RESET ALL");
            assertEquals("\"$user\", main", firstValue(s, "SHOW search_path"));
            // pgjdbc insists on UTF8, and PostgreSQL reports 'utf-8' by its name.
            s.execute("SET client_encoding = 'utf-8'");
            assertEquals("UTF8", firstValue(s, "SHOW client_encoding"));
            SQLException latin = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("SET client_encoding = 'LATIN1'"));
            assertEquals("0A000", latin.getSQLState());
        }
    }

    private static String firstValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static Map<String, List<String>> byName(List<List<String>> rows, int nameColumn) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        rows.forEach(row -> byName.putIfAbsent(row.get(nameColumn), row));
        return byName;
    }

    private static String tool(String name) throws IOException {
        try (InputStream in = PgToolsCatalogTest.class.getResourceAsStream("/tools/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The rows of a query run with pgjdbc's defaults (the extended protocol), as text. */
    private static List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = server.connect("");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            assertFalse(meta.getColumnCount() == 0, sql);
            return rows;
        }
    }
}
