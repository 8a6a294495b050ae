package io.queryflux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.queryflux.routing.python.ScriptObserver;
import io.queryflux.server.config.ConfigLoader;
import io.queryflux.testing.TestingTrinoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trino HTTP client to a Trino cluster: Trino's pages are forwarded undecoded (the
 * RawPassthrough capability), with the proxy's own nextUri, queueing, slot and cancel.
 */
class TrinoPassthroughTest {
    private static final String CONFIG = """
            queryflux:
              frontends:
                trinoHttp: {port: 0, maxRowsPerPage: 100, clientTimeoutSecs: 2}
              adminApi: {port: 0}
            clusters:
              trino: {engine: trino, endpoint: "%s"}
            clusterGroups:
              main: {members: [trino], maxRunningQueries: 2}
            routingFallback: main
            """;
    private static final String ORDERS =
            "SELECT orderkey, custkey, totalprice, orderdate, orderpriority, comment FROM tpch.tiny.orders ORDER BY orderkey";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestingTrinoServer trino;
    private static QueryFluxServer server;

    @BeforeAll
    static void start() throws Exception {
        trino = TestingTrinoServer.get();
        server = QueryFluxServer.start(new ConfigLoader(EngineFactories.settingKeys(), n -> null, ScriptObserver.NONE)
                .parse("passthrough.yaml", CONFIG.formatted(trino.uri())));
        server.awaitFirstHealthChecks(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noSlotLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.dispatcher().groups().get("main").runningQueries() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.dispatcher().groups().get("main").runningQueries());
        assertTrue(server.dispatcher().registry().all().isEmpty());
    }

    private static String proxy() {
        return "http://127.0.0.1:" + server.trinoPort().orElseThrow();
    }

    @Test
    void trinoJdbcGetsTheSameRowsAsFromTrino() throws Exception {
        List<List<String>> direct;
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl(), "u", null)) {
            direct = rows(connection, ORDERS);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + server.trinoPort().orElseThrow(), "u", null)) {
            List<List<String>> proxied = rows(connection, ORDERS);
            assertEquals(15_000, proxied.size());
            assertEquals(direct, proxied);
            // Trino's own column type survives; the decoding path would have made it varchar.
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT IPADDRESS '10.0.0.1' AS ip")) {
                assertEquals("ipaddress", rs.getMetaData().getColumnTypeName(1));
                assertTrue(rs.next());
                assertEquals("10.0.0.1", rs.getString(1));
            }
            SQLException error = assertThrows(SQLException.class, () -> rows(connection, "SELECT * FROM tpch.tiny.nope"));
            assertEquals(46, error.getErrorCode(), error.getMessage()); // TABLE_NOT_FOUND
        }
    }

    @Test
    void pagesAreTrinosOwnAndCarryTheProxysNextUri() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(proxy() + "/v1/statement"))
                .header("X-Trino-User", "u").POST(HttpRequest.BodyPublishers.ofString(ORDERS)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        int rows = 0;
        int biggestPage = 0;
        while (page.has("nextUri")) {
            String next = page.get("nextUri").asText();
            assertTrue(next.startsWith(proxy() + "/v1/statement/"), next);
            assertTrue(page.get("infoUri").asText().startsWith(proxy()), page.get("infoUri").asText());
            page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(next)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(!page.has("error"), page.toString());
            rows += page.path("data").size();
            biggestPage = Math.max(biggestPage, page.path("data").size());
        }
        assertEquals(15_000, rows);
        // maxRowsPerPage (100) bounds decoded pages only: these pages are Trino's.
        assertTrue(biggestPage > 100, "largest page " + biggestPage);
        assertEquals("FINISHED", page.path("stats").path("state").asText());
    }

    @Test
    void trinoCliPrintsWhatTrinoPrints() throws Exception {
        String sql = "SELECT nationkey, name, regionkey, comment FROM tpch.tiny.nation ORDER BY nationkey";
        String direct = cli("http://127.0.0.1:" + trino.uri().getPort(), sql);
        String proxied = cli(proxy(), sql);
        assertEquals(25, proxied.lines().count());
        assertEquals(direct, proxied);
    }

    private static String cli(String server, String sql) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/test-tools/trino-cli.jar", "--server", server, "--user", "cli", "--output-format", "CSV",
                "--execute", sql).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void cancelReachesTrino() throws Exception {
        String marker = "cancel_" + UUID.randomUUID().toString().replace("-", "");
        String sql = "SELECT count(*) AS " + marker + " FROM tpch.tiny.lineitem a CROSS JOIN tpch.tiny.lineitem b";
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + server.trinoPort().orElseThrow(), "u", null);
                Statement statement = connection.createStatement()) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    return rs.next();
                } catch (SQLException e) {
                    return e;
                }
            });
            assertEquals("RUNNING", awaitState(marker, "RUNNING"));
            statement.cancel();
            Object outcome = running.get(30, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, String.valueOf(outcome));
        }
        assertEquals("FAILED USER_CANCELED", awaitState(marker, "FAILED USER_CANCELED"));
    }

    @Test
    void aClientThatStopsPollingIsReapedAndTrinoCancelled() throws Exception {
        String marker = "reap_" + UUID.randomUUID().toString().replace("-", "");
        String sql = "SELECT l.comment AS " + marker + " FROM tpch.tiny.lineitem l CROSS JOIN tpch.tiny.nation";
        HttpClient http = HttpClient.newHttpClient();
        JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(proxy() + "/v1/statement"))
                .header("X-Trino-User", "u").POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        while (page.path("data").isEmpty() && page.has("nextUri")) {
            page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        assertTrue(page.has("nextUri"), "more pages to come: " + page.path("stats"));
        assertEquals(1, server.dispatcher().groups().get("main").runningQueries(), "slot held while the result is open");
        // No more polls: after clientTimeoutSecs the reaper cancels, Trino sees the cancel, the slot comes back.
        assertEquals("FAILED USER_CANCELED", awaitState(marker, "FAILED USER_CANCELED"));
    }

    /** The query's state (and error code once failed) in Trino's own system.runtime.queries. */
    private static String awaitState(String marker, String wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = "absent";
        try (Connection connection = DriverManager.getConnection(trino.jdbcUrl(), "watcher", null);
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery("SELECT state, error_code FROM system.runtime.queries "
                        + "WHERE query LIKE '%AS " + marker + " FROM%' AND user = 'u'")) {
                    if (rs.next()) {
                        seen = rs.getString(1) + (rs.getString(2) == null ? "" : " " + rs.getString(2));
                        if (seen.equals(wanted)) {
                            return seen;
                        }
                    }
                }
                Thread.sleep(100);
            }
        }
        return seen;
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getMetaData().getColumnTypeName(i) + ":" + rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
