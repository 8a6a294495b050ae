package io.queryflux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.ResultCursor;
import io.queryflux.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.queryflux.routing.python.ScriptObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /health, /metrics and the admin API of a started server. */
class ObservabilityTest {
    private static final String CONFIG = """
            queryflux:
              adminApi: {port: 0}
            clusters:
              duck-ok: {engine: duckDb}
              duck-off: {engine: duckDb, enabled: false}
            clusterGroups:
              main: {members: [duck-ok, duck-off], maxRunningQueries: 3, maxQueuedQueries: 7}
            routers:
              - type: userGroup
                userToGroup: {alice: main}
            routingFallback: main
            """;

    private static QueryFluxServer server;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws InterruptedException {
        server = QueryFluxServer.start(new ConfigLoader(EngineFactories.settingKeys(), n -> null, ScriptObserver.NONE).parse("test", CONFIG));
        server.awaitFirstHealthChecks(java.time.Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReportsClusterState() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("duck-ok") && ready.body().contains("healthy"), ready.body());
        assertTrue(ready.body().contains("disabled"), ready.body());
    }

    @Test
    void metricsUseQueryFluxNames() throws Exception {
        try (RunningQuery query = server.dispatcher().submit(new QueryRequest("SELECT 42",
                ClientSession.of(Protocol.TRINO_HTTP, "alice")))) {
            ResultCursor cursor = query.start();
            while (cursor.next()) {
                assertEquals(42, cursor.value(0));
            }
        }
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertSample(text, "queryflux_queries_total",
                "cluster_group=\"main\"", "engine_type=\"duckDb\"", "protocol=\"trinoHttp\"", "status=\"succeeded\"");
        assertSample(text, "queryflux_query_duration_seconds_bucket", "cluster_group=\"main\"", "le=\"+Inf\"");
        assertSample(text, "queryflux_queue_duration_seconds_bucket", "cluster_group=\"main\"");
        assertSample(text, "queryflux_running_queries", "cluster_group=\"main\"", "cluster_name=\"duck-ok\"");
        assertSample(text, "queryflux_queued_queries", "cluster_group=\"main\"");
        assertSample(text, "queryflux_cluster_healthy", "cluster_name=\"duck-ok\"");
        assertSample(text, "queryflux_cluster_circuit_open", "cluster_name=\"duck-ok\"");
        assertSample(text, "queryflux_routing_decisions_total", "router=\"0:userGroup\"", "cluster_group=\"main\"",
                "outcome=\"routed\"");
        assertSample(text, "queryflux_routing_duration_seconds_bucket");
        assertTrue(text.lines().filter(l -> l.startsWith("queryflux_cluster_healthy{") && l.contains("duck-ok"))
                .allMatch(l -> l.endsWith(" 1.0")), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("queryflux_query_duration_seconds{")),
                "histograms carry buckets, not client-side quantiles");
        assertTrue(!text.contains("SELECT 42"), "SQL text must never be a label");

        // The bundled Grafana dashboard only charts series the server really exports.
        JsonNode dashboard = json.readTree(get("/admin/grafana/dashboard").body());
        java.util.Set<String> charted = new java.util.TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            var m = java.util.regex.Pattern.compile("queryflux_[a-z_]+").matcher(target.get("expr").asText());
            while (m.find()) {
                charted.add(m.group());
            }
        }));
        assertTrue(charted.size() >= 6, charted.toString());
        for (String series : charted) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(series + "{")), series + " is charted but not exported");
        }
    }

    private static String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int postStatus(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** A sample line of the metric with all the given labels exists. */
    private static void assertSample(String text, String name, String... labels) {
        assertTrue(text.lines().anyMatch(line -> line.startsWith(name + "{")
                        && java.util.Arrays.stream(labels).allMatch(line::contains)),
                name + " with " + String.join(",", labels) + " missing in:\n" + text);
    }

    /** An idle transaction block holds a slot: operators see it in the metrics, the group and the block list. */
    @Test
    void openTransactionBlocksAreVisible() throws Exception {
        try (io.queryflux.dispatch.ClientTransaction block = new io.queryflux.dispatch.ClientTransaction()) {
            RunningQuery first = server.dispatcher().submit(new QueryRequest("CREATE TEMP TABLE t AS SELECT 1 AS x",
                    ClientSession.of(Protocol.POSTGRES_WIRE, "alice")), block);
            try (first) {
                first.start();
            }
            assertTrue(block.isBound());
            assertSample(get("/metrics").body(), "queryflux_open_transactions", "cluster_group=\"main\"");
            assertTrue(get("/metrics").body().lines().anyMatch(l -> l.startsWith("queryflux_open_transactions{")
                    && l.contains("\"main\"") && l.endsWith(" 1.0")));
            assertEquals(1, json.readTree(get("/admin/groups").body()).get(0).get("openTransactions").asInt());
            JsonNode open = json.readTree(get("/admin/transactions").body());
            assertEquals(1, open.size(), open.toString());
            assertEquals(first.id(), open.get(0).get("boundBy").asText());
            assertEquals("alice", open.get(0).get("user").asText());
            assertEquals("postgresWire", open.get(0).get("protocol").asText());
            assertEquals("duck-ok", open.get(0).get("cluster").asText());
            block.rollback();
        }
        assertEquals(0, json.readTree(get("/admin/transactions").body()).size());
        assertEquals(0, json.readTree(get("/admin/groups").body()).get(0).get("openTransactions").asInt());
    }

    @Test
    void adminApiShowsGroupsClustersRoutersAndRunningQueries() throws Exception {
        JsonNode groups = json.readTree(get("/admin/groups").body());
        assertEquals("main", groups.get(0).get("name").asText());
        assertEquals(3, groups.get(0).get("maxRunningQueries").asInt());
        assertEquals(7, groups.get(0).get("maxQueuedQueries").asInt());

        JsonNode clusters = json.readTree(get("/admin/clusters").body());
        assertEquals("healthy", clusters.get(0).get("health").asText());
        assertEquals(false, clusters.get(1).get("enabled").asBoolean());

        JsonNode routers = json.readTree(get("/admin/routers").body());
        assertEquals("userGroup", routers.get("routers").get(0).get("type").asText());
        assertEquals("main", routers.get("routingFallback").asText());

        try (RunningQuery query = server.dispatcher().submit(new QueryRequest("SELECT * FROM range(10)",
                ClientSession.of(Protocol.TRINO_HTTP, "alice")))) {
            ResultCursor cursor = query.start();
            assertTrue(cursor.next());
            JsonNode running = json.readTree(get("/admin/queries").body());
            assertEquals(1, running.size());
            JsonNode trace = json.readTree(get("/admin/queries/" + query.id()).body());
            assertEquals("RUNNING", trace.get("state").asText());
            assertEquals("main", trace.get("group").asText());
            assertEquals("duck-ok", trace.get("cluster").asText());
            assertEquals("route", trace.get("routers").get(0).get("decision").asText());
            assertEquals("user is 'alice'", trace.get("routers").get(0).get("reason").asText());
            assertEquals(1, json.readTree(get("/admin/groups").body()).get(0).get("runningQueries").asInt());
        }
        assertEquals(404, get("/admin/queries/nope").statusCode());

        JsonNode explained = json.readTree(post("/admin/route/explain",
                "{\"sql\": \"SELECT IFNULL(a, 1) FROM t\", \"protocol\": \"mysqlWire\", \"user\": \"alice\"}"));
        assertEquals("main", explained.get("group").asText());
        assertEquals("duck-ok", explained.get("cluster").asText(), "duck-off is disabled");
        assertEquals("user is 'alice'", explained.get("routers").get(0).get("reason").asText());
        assertEquals("TRANSLATED", explained.get("translation").get("outcome").asText());
        assertEquals("mysql", explained.get("translation").get("source").asText());
        assertEquals("duckdb", explained.get("translation").get("target").asText());
        assertEquals(0, json.readTree(get("/admin/queries").body()).size(), "explain runs nothing");

        JsonNode translated = json.readTree(post("/admin/translate",
                "{\"sql\": \"SELECT `a` FROM t LIMIT 5, 10\", \"source\": \"mysql\", \"target\": \"trino\"}"));
        assertEquals("TRANSLATED", translated.get("outcome").asText());
        assertTrue(translated.get("sql").asText().contains("OFFSET 5"), translated.toString());
        assertEquals(400, postStatus("/admin/translate", "{\"sql\": \"x\", \"source\": \"cobol\"}"));
        assertEquals(400, postStatus("/admin/route/explain", "not json"));
        assertEquals(0, json.readTree(get("/admin/queries").body()).size());
    }
}
