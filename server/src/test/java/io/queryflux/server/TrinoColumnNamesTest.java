package io.queryflux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.routing.python.ScriptObserver;
import io.queryflux.server.config.ConfigLoader;
import io.queryflux.testing.TestingTrinoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Trino client sees Trino's column names when DuckDB runs its query: each statement's names
 * through the proxy's Trino frontend, routed to DuckDB, against the same statement on the real
 * test Trino over an identical table.
 */
class TrinoColumnNamesTest {
    private static final String TABLE = "CREATE TABLE orders (id BIGINT, customer VARCHAR, amount DOUBLE)";
    private static final List<String> STATEMENTS = List.of(
            "SELECT id, customer FROM orders",
            "SELECT ID, Customer FROM orders",
            "SELECT \"id\" FROM orders",
            "SELECT o.id, orders2.customer FROM orders o, orders orders2",
            "SELECT orders.id FROM orders",
            "SELECT count(*) FROM orders",
            "SELECT count(*) AS N, sum(amount) total FROM orders",
            "SELECT count(*) AS \"N\" FROM orders",
            "SELECT id + 1, upper(customer), id FROM orders",
            "SELECT 1, 'a', NULL, true",
            "SELECT CAST(id AS varchar), CAST(1 AS bigint) FROM orders",
            "SELECT CASE WHEN id > 1 THEN 'big' ELSE 'small' END FROM orders",
            "SELECT (SELECT max(id) FROM orders)",
            "SELECT id AS x, id + 1, customer FROM orders",
            "SELECT id FROM orders UNION ALL SELECT id + 1 FROM orders",
            "SELECT id + 1 FROM orders UNION ALL SELECT id FROM orders",
            "SELECT a FROM (SELECT id AS a FROM orders) t",
            "SELECT current_date",
            "VALUES (1, 'a')",
            "SELECT DISTINCT customer FROM orders",
            "WITH w AS (SELECT id FROM orders) SELECT id, id * 2 FROM w",
            "SELECT row_number() OVER (ORDER BY id) AS rn, max(id) OVER () FROM orders",
            "SELECT t.* FROM orders t",
            "SELECT (id), ((customer)), (id + 1) FROM orders");
    private static final String CONFIG = """
            queryflux:
              frontends:
                trinoHttp: {port: 0, rawPassthrough: false}
              adminApi: {port: 0}
            clusters:
              duck: {engine: duckdb}
            clusterGroups:
              main: {members: [duck], maxRunningQueries: 4}
            routingFallback: main
            """;

    private static TestingTrinoServer trino;
    private static QueryFluxServer server;

    @BeforeAll
    static void start() throws Exception {
        trino = TestingTrinoServer.get();
        TrinoSetup.run(trino, "CREATE SCHEMA IF NOT EXISTS memory.labels", "DROP TABLE IF EXISTS memory.labels.orders",
                TABLE.replace("orders", "memory.labels.orders"));
        server = QueryFluxServer.start(new ConfigLoader(EngineFactories.settingKeys(), n -> null, ScriptObserver.NONE)
                .parse("labels.yaml", CONFIG));
        server.awaitFirstHealthChecks(Duration.ofSeconds(20));
        try (Connection connection = proxy(); Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void columnsAreNamedAsTrinoNamesThem() throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        try (Connection direct = DriverManager.getConnection(trino.jdbcUrl() + "/memory/labels", "u", null);
                Connection proxied = proxy()) {
            for (String sql : STATEMENTS) {
                expected.put(sql, names(direct, sql));
                actual.put(sql, names(proxied, sql));
            }
        }
        assertEquals(expected, actual);
        assertTrue(expected.get("SELECT count(*) FROM orders").equals(List.of("_col0")), "the corpus exercises _colN");
    }

    private static Connection proxy() throws SQLException {
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + server.trinoPort().orElseThrow(), "u", null);
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i));
            }
            while (rs.next()) {
                // read to the end: trino-jdbc can fail closing a result whose rows are still being fetched
            }
            return names;
        }
    }
}
