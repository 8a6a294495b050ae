package io.queryflux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.queryflux.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.queryflux.routing.python.ScriptObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole server as a user runs it: config file in, real clients (trino-jdbc, the Trino CLI
 * jar as a process, the Flight SQL JDBC driver) out, routed across groups by the config.
 */
class EndToEndTest {
    private static final String CONFIG = """
            queryflux:
              frontends:
                trinoHttp: {port: 0}
                flightSql: {port: 0, host: 127.0.0.1}
                mysqlWire: {port: 0, host: 127.0.0.1}
                postgresWire: {port: 0, host: 127.0.0.1}
              adminApi: {port: 0}
            clusters:
              duck-main: {engine: duckDb}
              duck-etl: {engine: duckDb}
            clusterGroups:
              interactive: {members: [duck-main], maxRunningQueries: 2}
              etl: {members: [duck-etl], maxRunningQueries: 1}
            routers:
              - type: queryRegex
                rules:
                  - {regex: "(?i)^\\\\s*DROP\\\\s", action: deny, message: "DROP is not allowed through the proxy"}
              - type: tags
                rules:
                  - tags: {etl: null}
                    targetGroup: etl
            routingFallback: interactive
            """;

    private static QueryFluxServer server;
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws InterruptedException {
        server = QueryFluxServer.start(new ConfigLoader(EngineFactories.settingKeys(), n -> null, ScriptObserver.NONE).parse("e2e.yaml", CONFIG));
        server.awaitFirstHealthChecks(java.time.Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection trino(String clientTags) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        if (!clientTags.isEmpty()) {
            properties.setProperty("clientTags", clientTags);
        }
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + server.trinoPort().orElseThrow(), properties);
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void clientTagsRouteToTheirGroupAndEachGroupHasItsOwnEngine() throws Exception {
        try (Connection etl = trino("etl"); Connection plain = trino("")) {
            try (Statement statement = etl.createStatement()) {
                statement.execute("CREATE TABLE only_in_etl AS SELECT 5 AS v");
            }
            assertEquals(5, scalar(etl, "SELECT v FROM only_in_etl"));
            SQLException missing = assertThrows(SQLException.class, () -> scalar(plain, "SELECT v FROM only_in_etl"));
            assertTrue(missing.getMessage().contains("only_in_etl"), missing.getMessage());
        }
    }

    @Test
    void trinoDialectIsTranslatedForDuckDb() throws Exception {
        try (Connection connection = trino("")) {
            // Trino's integer division and date_diff counting whole days, run on DuckDB.
            assertEquals(3, scalar(connection, "SELECT 7 / 2 + 0"));
            assertEquals(2, scalar(connection,
                    "SELECT date_diff('day', DATE '2024-01-01', DATE '2024-01-03')"));
        }
    }

    @Test
    void denyRulesRejectWithTheirMessage() throws Exception {
        try (Connection connection = trino(""); Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> statement.execute("DROP TABLE anything"));
            assertTrue(e.getMessage().contains("DROP is not allowed through the proxy"), e.getMessage());
        }
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.trinoPort().orElseThrow() + "/v1/statement"))
                .header("X-Trino-User", "bob")
                .POST(HttpRequest.BodyPublishers.ofString("DROP TABLE t")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode page = json.readTree(posted.body());
        while (!page.has("error") && page.has("nextUri")) {
            page = json.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(page.get("nextUri").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        assertEquals("QUERY_REJECTED", page.get("error").get("errorName").asText());
    }

    @Test
    void trinoCliRunsQueriesAndReportsErrors() throws Exception {
        Path cli = Path.of("target/test-tools/trino-cli.jar");
        assertTrue(Files.exists(cli), "the build copies the Trino CLI jar to " + cli.toAbsolutePath());
        Process ok = cli(cli, "SELECT x, x * x FROM UNNEST(ARRAY[1, 2, 3]) AS t(x) ORDER BY x");
        assertEquals(List.of("\"1\",\"1\"", "\"2\",\"4\"", "\"3\",\"9\""), lines(ok));
        assertEquals(0, ok.waitFor());
        Process bad = cli(cli, "SELECT * FROM no_such_table");
        String error = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertTrue(bad.exitValue() != 0);
        assertTrue(error.contains("no_such_table"), error);
    }

    private static Process cli(Path cli, String sql) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                cli.toString(), "--server", "http://127.0.0.1:" + server.trinoPort().orElseThrow(), "--user", "cli",
                "--output-format", "CSV", "--execute", sql).start();
    }

    private static List<String> lines(Process process) throws Exception {
        List<String> lines = new ArrayList<>(
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return lines;
    }

    @Test
    void flightSqlClientsShareTheRouting() throws Exception {
        String url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.flightSqlPort().orElseThrow()
                + "/?useEncryption=false&user=flight&password=unused";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT sum(x) FROM UNNEST(ARRAY[10, 20, 30]) AS t(x)")) {
            assertTrue(rs.next());
            assertEquals(60, rs.getLong(1));
            assertFalse(rs.next());
        }
    }

    @Test
    void mysqlClientsWriteMySqlAndRunOnDuckDb() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + server.mysqlPort().orElseThrow() + "/?user=bi&password=";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                // MySQL dialect (backticks, IFNULL, LIMIT m,n), translated for DuckDB on the way.
                ResultSet rs = statement.executeQuery(
                        "SELECT IFNULL(NULL, `x`) AS v FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3) t "
                                + "ORDER BY v LIMIT 1, 2")) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            assertEquals(List.of(2L, 3L), values);
        }
    }

    @Test
    void postgresClientsWritePostgresAndRunOnDuckDb() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + server.postgresPort().orElseThrow() + "/db?user=analyst";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                // PostgreSQL dialect (:: casts, ILIKE), translated for DuckDB on the way.
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*)::int AS n FROM (SELECT 'Alpha' AS name UNION ALL SELECT 'beta') t "
                                + "WHERE name ILIKE 'a%'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void noSlotIsLeftBehind() throws Exception {
        try (Connection connection = trino("")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, scalar(connection, "SELECT " + i));
            }
        }
        for (var group : server.dispatcher().groups().values()) {
            assertEquals(0, group.runningQueries(), group.name());
            assertEquals(0, group.queuedQueries(), group.name());
        }
    }
}
