package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pg_catalog answered from the engine's metadata: pgjdbc DatabaseMetaData and psql's backslash commands. */
class PgCatalogTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT NOT NULL, customer VARCHAR, amount DECIMAL(10,2), placed DATE)");
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.regions (code VARCHAR, name VARCHAR)");
            s.execute("CREATE SCHEMA staging"); // no tables
            s.execute("CREATE TABLE keyed (id BIGINT PRIMARY KEY, code VARCHAR UNIQUE, note VARCHAR)");
            s.execute("CREATE TABLE sales.targets (region VARCHAR NOT NULL, quota INTEGER DEFAULT 100)");
            s.execute("CREATE TABLE keyed_notes (keyed_id BIGINT REFERENCES keyed (id), note VARCHAR)");
            s.execute("INSERT INTO orders VALUES (1, 'acme', 12.50, DATE '2024-01-02')");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void databaseMetaDataListsSchemasTablesAndColumns() throws SQLException {
        try (Connection c = server.connect("")) {
            DatabaseMetaData meta = c.getMetaData();
            assertTrue(meta.getDatabaseProductVersion().startsWith("15"));
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = meta.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertTrue(schemas.contains("main") && schemas.contains("sales"), schemas.toString());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("main.orders") && tables.contains("sales.regions"), tables.toString());
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, "main", "orders", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("TABLE_CAT") + ":" + rs.getString("COLUMN_NAME") + ":"
                            + rs.getString("TYPE_NAME") + ":" + rs.getInt("NULLABLE"));
                }
            }
            assertEquals(List.of("analytics:id:int8:0", "analytics:customer:varchar:1", "analytics:amount:numeric:1",
                    "analytics:placed:date:1"), columns);
        }
    }

    /** What DBeaver, Metabase and other JDBC tools call on a new connection, each answered from the mirror. */
    @Test
    void everyDatabaseMetaDataCallOfJdbcToolsAnswers() throws Exception {
        try (Connection c = server.connect("")) {
            DatabaseMetaData meta = c.getMetaData();
            Map<String, Callable<ResultSet>> calls = new LinkedHashMap<>();
            calls.put("getCatalogs", meta::getCatalogs);
            calls.put("getTableTypes", meta::getTableTypes);
            calls.put("getTables", () -> meta.getTables(null, "main", "orders",
                    new String[] {"TABLE", "PARTITIONED TABLE", "VIEW", "FOREIGN TABLE", "MATERIALIZED VIEW"}));
            calls.put("getSchemas", () -> meta.getSchemas(null, "sal%"));
            calls.put("getPrimaryKeys", () -> meta.getPrimaryKeys(null, "main", "orders"));
            calls.put("getImportedKeys", () -> meta.getImportedKeys(null, "main", "orders"));
            calls.put("getExportedKeys", () -> meta.getExportedKeys(null, "main", "orders"));
            calls.put("getIndexInfo", () -> meta.getIndexInfo(null, "main", "orders", false, true));
            calls.put("getBestRowIdentifier", () -> meta.getBestRowIdentifier(null, "main", "orders",
                    DatabaseMetaData.bestRowSession, true));
            calls.put("getVersionColumns", () -> meta.getVersionColumns(null, "main", "orders"));
            calls.put("getTypeInfo", meta::getTypeInfo);
            calls.put("getFunctions", () -> meta.getFunctions(null, null, "%"));
            calls.put("getProcedures", () -> meta.getProcedures(null, null, "%"));
            calls.put("getTablePrivileges", () -> meta.getTablePrivileges(null, "main", "orders"));
            calls.put("getColumnPrivileges", () -> meta.getColumnPrivileges(null, "main", "orders", "%"));
            calls.put("getUDTs", () -> meta.getUDTs(null, null, "%", null));
            Map<String, List<String>> firstColumns = new LinkedHashMap<>();
            for (Map.Entry<String, Callable<ResultSet>> call : calls.entrySet()) {
                List<String> values = new ArrayList<>();
                try (ResultSet rs = call.getValue().call()) {
                    while (rs.next()) {
                        values.add(rs.getString(call.getKey().equals("getTables") ? "TABLE_CAT" : rs.getMetaData()
                                .getColumnLabel(1)));
                    }
                }
                firstColumns.put(call.getKey(), values);
            }
            assertEquals(List.of("analytics"), firstColumns.get("getCatalogs"));
            assertEquals(List.of("analytics"), firstColumns.get("getTables"), "TABLE_CAT is the database");
            assertEquals(List.of("sales"), firstColumns.get("getSchemas"));
            assertTrue(firstColumns.get("getTypeInfo").containsAll(List.of("int8", "varchar", "numeric", "date")),
                    firstColumns.get("getTypeInfo").toString());
            assertEquals(List.of(), firstColumns.get("getPrimaryKeys"), "orders has no primary key");
            try (ResultSet rs = meta.getPrimaryKeys(null, "main", "keyed")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
                assertEquals(1, rs.getInt("KEY_SEQ"));
                assertEquals("keyed_id_pkey", rs.getString("PK_NAME"));
                assertFalse(rs.next());
            }
            List<String> uniqueIndexes = new ArrayList<>();
            try (ResultSet rs = meta.getIndexInfo(null, "main", "keyed", true, true)) {
                while (rs.next()) {
                    uniqueIndexes.add(rs.getString("INDEX_NAME") + "(" + rs.getString("COLUMN_NAME") + ")");
                }
            }
            assertEquals(List.of("keyed_code_key(code)", "keyed_id_pkey(id)"), uniqueIndexes);
            String keywords = meta.getSQLKeywords(); // PostgreSQL's keywords that SQL:2003 lacks
            assertTrue(keywords.contains("analyze") && !keywords.contains("select"), keywords);
        }
    }

    @Test
    void guiToolStartupQueriesWork() throws SQLException {
        // What DBeaver sends when it opens a connection and its navigator.
        List<String> queries = List.of(
                "SELECT current_schema(),session_user",
                "SHOW search_path",
                "select * from pg_catalog.pg_settings where name='standard_conforming_strings'",
                "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n LEFT OUTER JOIN pg_catalog.pg_description d"
                        + " ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass ORDER BY nspname",
                "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datallowconn AND NOT datistemplate"
                        + " ORDER BY db.datname",
                "select t.oid,t.*,c.relkind from pg_catalog.pg_type t left outer join pg_class c on c.oid=t.typrelid"
                        + " where typnamespace=11",
                "SELECT c.oid,c.*,d.description FROM pg_catalog.pg_class c LEFT OUTER JOIN pg_catalog.pg_description d"
                        + " ON d.objoid=c.oid AND d.objsubid=0 WHERE c.relnamespace=(SELECT oid FROM"
                        + " pg_catalog.pg_namespace WHERE nspname='main') AND c.relkind not in ('i','I','c')");
        try (Connection c = server.connect("");
                Statement s = c.createStatement()) {
            for (String sql : queries) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    assertTrue(rs.next(), "no row for: " + sql);
                }
            }
        }
    }

    @Test
    void psqlListsTablesAndDescribesOne() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        String tables = psql("\\dt");
        assertTrue(tables.contains("orders") && tables.contains("table"), tables);
        // As in PostgreSQL, \dt lists what the search path reaches: DuckDB's main here, sales when set.
        assertFalse(tables.contains("regions"), tables);
        assertTrue(psql("\\dt sales.*").contains("regions"));
        String keyed = psql("\\d keyed");
        assertTrue(keyed.contains("\"keyed_id_pkey\" PRIMARY KEY, btree (id)")
                && keyed.contains("\"keyed_code_key\" UNIQUE CONSTRAINT, btree (code)"), keyed);
        // Foreign keys as psql prints them, from both ends.
        assertTrue(psql("\\d keyed_notes").contains("Foreign-key constraints:\n"
                + "    \"keyed_notes_keyed_id_id_fkey\" FOREIGN KEY (keyed_id) REFERENCES keyed(id)"));
        assertTrue(psql("\\d keyed").contains("Referenced by:\n    TABLE \"keyed_notes\" CONSTRAINT"
                + " \"keyed_notes_keyed_id_id_fkey\" FOREIGN KEY (keyed_id) REFERENCES keyed(id)"));
        String withDefault = psql("\\d sales.targets");
        assertTrue(withDefault.contains("Default") && withDefault.contains("100") && withDefault.contains("not null"),
                "the column default and NOT NULL, as \\d shows them: " + withDefault);
        String onSales = psql("SET search_path TO sales", "\\dt");
        assertTrue(onSales.contains("regions") && !onSales.contains("orders"), onSales);
        String described = psql("\\d orders");
        assertTrue(described.contains("customer") && described.contains("numeric(10,2)"), described);
        String query = psql("SELECT id, customer FROM orders");
        assertTrue(query.contains("acme") && query.contains("(1 row)"), query);
        String error = psql("SELECT * FROM missing_table");
        assertTrue(error.contains("ERROR") && error.contains("missing_table"), error);
        String copy = psql("\\copy (SELECT id, customer FROM orders) to stdout with (format csv, header)");
        assertEquals("id,customer\n1,acme\n", copy);
        String copyIn = psql("\\copy orders from stdin");
        assertTrue(copyIn.contains("ERROR") && copyIn.contains("only on a postgres engine"), copyIn);
        String databases = psql("\\l");
        assertTrue(databases.contains("Name"), databases);
        String detailed = psql("\\l+");
        assertTrue(detailed.contains("Size") && detailed.contains("analytics") && !detailed.contains("ERROR"), detailed);
        String schemas = psql("\\dn");
        assertTrue(schemas.contains("List of schemas") && schemas.contains("main"), schemas);
        for (String command : List.of("\\df+", "\\db", "\\dconfig", "\\dconfig+")) { // functions, tablespaces, settings
            String listed = psql(command);
            assertTrue(listed.contains("List of") && !listed.contains("ERROR"), command + ": " + listed);
        }
        String system = psql("\\dS", "\\d pg_catalog.pg_namespace");
        assertTrue(system.contains("pg_catalog | pg_class") && system.contains("nspname"), "\\dS and \\d of a catalog: "
                + system);
        String withStorage = psql("\\d+ orders");
        assertTrue(withStorage.contains("Storage") && withStorage.contains("customer"), withStorage);
    }

    @Test
    void psqlCommandsOverCatalogsTheMirrorKeepsEmptyListNothing() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        // casts, conversions, comments, operators, text search, foreign data, large objects, languages,
        // collations, per-role settings, subscriptions, publications, extended statistics, aggregates,
        // types, default privileges, operator classes and families, event triggers
        for (String command : List.of("\\dC", "\\dc", "\\dd", "\\do", "\\dF", "\\dFd", "\\dFp", "\\dFt",
                "\\des", "\\det", "\\deu", "\\dew", "\\dl", "\\dO", "\\drds", "\\dRs", "\\dRp", "\\dX",
                "\\da", "\\dT+", "\\ddp", "\\dAc", "\\dAf", "\\dAo", "\\dAp", "\\dy")) {
            String listed = psql(command);
            assertTrue(!listed.contains("ERROR") && (listed.contains("(0 rows)") || listed.startsWith("Did not find")),
                    command + ": " + listed);
        }
        String languages = psql("\\dL");
        assertTrue(languages.contains("List of languages") && !languages.contains("ERROR"), languages);
        String roles = psql("\\dg");
        assertTrue(roles.contains(PgTestServer.USER) && roles.contains("{}"), "Member of as a PostgreSQL array: " + roles);
        String schemas = psql("\\dn+");
        assertTrue(schemas.contains("staging") && schemas.contains("sales"), schemas);
    }

    /** Runs the commands in one psql session, as -c options. */
    private static String psql(String... commands) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(PSQL.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", PgTestServer.USER, "-d", "analytics", "-X"));
        for (String command : commands) {
            arguments.add("-c");
            arguments.add(command);
        }
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PgTestServer.PASSWORD);
        builder.environment().put("PGSSLMODE", "disable");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
