package io.queryflux.protocol.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.ResultCursor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statement protocol on the wire, with a plain HTTP client: status codes, paging, the
 * QUEUED state, queue errors, DELETE, the reaper, and the session headers. The group has one
 * slot and one queue place, and clients time out after a second, so each case is quick.
 */
class TrinoProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PAGE_ROWS = 1000;

    private static TrinoTestServer server;

    @BeforeAll
    static void startServer() throws SQLException {
        TrinoHttpConfig config = TrinoHttpConfig.defaults()
                .withClientTimeout(Duration.ofSeconds(1))
                .withPageLimits(PAGE_ROWS, 1 << 20);
        server = TrinoTestServer.start(config, new GroupLimits(1, 1, Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void noSlotLeaked() throws InterruptedException {
        server.awaitNoRunningQueries();
    }

    private record Reply(int status, JsonNode json, HttpResponse<String> response) {
        String nextUri() {
            return json.path("nextUri").asText(null);
        }

        String state() {
            return json.path("stats").path("state").asText();
        }
    }

    private static Reply post(String sql, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/statement"))
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static Reply post(String sql) throws IOException, InterruptedException {
        return post(sql, Map.of("X-Trino-User", "raw"));
    }

    private static Reply get(String uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
    }

    private static int delete(String uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Reply(response.statusCode(), isJson ? JSON.readTree(response.body()) : null, response);
    }

    /** Follows nextUri to the end; returns the last reply. */
    private static Reply followToEnd(Reply reply) throws IOException, InterruptedException {
        Deadline deadline = Deadline.in(Duration.ofSeconds(30));
        while (reply.nextUri() != null) {
            deadline.check("the end of " + reply.json().path("id").asText());
            reply = get(reply.nextUri());
            assertEquals(200, reply.status());
        }
        return reply;
    }

    /** Takes the group's only slot directly through the dispatcher, as another client's query would. */
    private static RunningQuery occupySlot() throws Exception {
        RunningQuery holder = server.duckDb().dispatcher().submit(
                new QueryRequest("SELECT 1", ClientSession.of(Protocol.POSTGRES_WIRE, "holder")));
        ResultCursor unused = holder.start();
        assertEquals(1, server.duckDb().group().runningQueries());
        return holder;
    }

    @Test
    void missingUserIsUnauthorized() throws Exception {
        Reply reply = post("SELECT 1", Map.of());
        assertEquals(401, reply.status());
        assertTrue(reply.response().body().contains("X-Trino-User"), reply.response().body());
    }

    @Test
    void emptyStatementIsBadRequest() throws Exception {
        assertEquals(400, post("  ").status());
    }

    @Test
    void unknownQueryOrSlugOrTokenIsNotFound() throws Exception {
        assertEquals(404, get(server.baseUrl() + "/v1/statement/executing/20200101_000000_00001_aaaaa/x/1").status());
        assertEquals(404, delete(server.baseUrl() + "/v1/statement/executing/20200101_000000_00001_aaaaa/x/1"));
        assertEquals(404, delete(server.baseUrl() + "/v1/query/20200101_000000_00001_aaaaa"));

        Reply first = post("SELECT 1");
        String[] parts = first.nextUri().split("/");
        String token = parts[parts.length - 1];
        parts[parts.length - 2] = "0badslug";
        assertEquals(404, get(String.join("/", parts)).status());
        assertEquals("1", token);
        assertEquals(404, get(first.nextUri().substring(0, first.nextUri().lastIndexOf('/')) + "/7").status());
        Reply last = followToEnd(first);
        assertEquals("FINISHED", last.state());
    }

    @Test
    void pagesAreBoundedAndARetriedPageIsTheSame() throws Exception {
        Reply reply = post("SELECT range AS i FROM range(5500) ORDER BY i");
        assertEquals(200, reply.status());
        assertEquals("QUEUED", reply.state());
        assertTrue(reply.json().path("stats").path("queued").asBoolean());
        assertTrue(reply.nextUri().startsWith(server.baseUrl() + "/v1/statement/queued/"), reply.nextUri());
        long expected = 0;
        int pagesWithRows = 0;
        Deadline deadline = Deadline.in(Duration.ofSeconds(30));
        while (reply.nextUri() != null) {
            deadline.check("the last page");
            String uri = reply.nextUri();
            reply = get(uri);
            assertEquals(200, reply.status());
            Reply retried = get(uri);
            assertEquals(reply.response().body(), retried.response().body());
            JsonNode data = reply.json().path("data");
            assertTrue(data.size() <= PAGE_ROWS, "page of " + data.size() + " rows");
            if (!data.isEmpty()) {
                pagesWithRows++;
                assertEquals("bigint", reply.json().path("columns").path(0).path("type").asText());
            }
            for (JsonNode row : data) {
                assertEquals(expected++, row.path(0).asLong());
            }
        }
        assertEquals(5500, expected);
        assertEquals(6, pagesWithRows);
        assertEquals("FINISHED", reply.state());
        JsonNode stats = reply.json().path("stats");
        assertEquals(5500, stats.path("processedRows").asLong());
        for (String field : new String[] {"queued", "scheduled", "nodes", "totalSplits", "queuedSplits",
                "runningSplits", "completedSplits", "cpuTimeMillis", "wallTimeMillis", "queuedTimeMillis",
                "elapsedTimeMillis", "processedBytes", "peakMemoryBytes", "spilledBytes"}) {
            assertTrue(stats.has(field), field);
        }
        assertTrue(reply.json().path("infoUri").asText().endsWith(reply.json().path("id").asText()));
    }

    @Test
    void queryIsQueuedWhileItsGroupIsFullThenRuns() throws Exception {
        RunningQuery holder = occupySlot();
        try {
            Reply reply = post("SELECT 42 AS answer");
            assertEquals("QUEUED", reply.state());
            reply = get(reply.nextUri());
            assertEquals("QUEUED", reply.state());
            assertTrue(reply.nextUri().contains("/v1/statement/queued/"), reply.nextUri());
            assertEquals(1, server.duckDb().group().queuedQueries());
            holder.close();
            reply = followToEnd(reply);
            assertEquals("FINISHED", reply.state());
            assertEquals(42, reply.json().path("data").path(0).path(0).asInt());
            assertEquals("answer", reply.json().path("columns").path(0).path("name").asText());
        } finally {
            holder.close();
        }
    }

    @Test
    void fullQueueFailsClearly() throws Exception {
        RunningQuery holder = occupySlot();
        try {
            Reply waiting = post("SELECT 1");
            TrinoTestServer.await(() -> server.duckDb().group().queuedQueries() == 1, Duration.ofSeconds(5),
                    () -> "the first query to queue");
            Reply refused = followToEnd(post("SELECT 2"));
            assertEquals("FAILED", refused.state());
            JsonNode error = refused.json().path("error");
            assertEquals("QUERY_QUEUE_FULL", error.path("errorName").asText());
            assertEquals("INSUFFICIENT_RESOURCES", error.path("errorType").asText());
            assertEquals(131074, error.path("errorCode").asInt());
            assertTrue(error.path("message").asText().contains("Too many queued queries"), error.toString());
            assertTrue(error.path("failureInfo").path("stack").isArray());
            assertEquals(204, delete(waiting.nextUri()));
        } finally {
            holder.close();
        }
    }

    @Test
    void waitingLongerThanTheGroupAllowsFailsClearly() throws Exception {
        RunningQuery holder = occupySlot();
        try {
            Reply reply = followToEnd(post("SELECT 1"));
            assertEquals("FAILED", reply.state());
            JsonNode error = reply.json().path("error");
            assertEquals("EXCEEDED_TIME_LIMIT", error.path("errorName").asText());
            assertTrue(error.path("message").asText().contains("capacityWaitTimeoutSecs"), error.toString());
        } finally {
            holder.close();
        }
    }

    @Test
    void deleteCancelsARunningQueryAndFreesItsSlot() throws Exception {
        Reply reply = post("SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b");
        reply = get(reply.nextUri());
        assertEquals("RUNNING", reply.state());
        assertEquals(1, server.duckDb().group().runningQueries());
        assertEquals(204, delete(reply.nextUri()));
        server.awaitNoRunningQueries();
        assertEquals(404, get(reply.nextUri()).status());
    }

    @Test
    void concurrentPollsOfOnePageGetTheSamePage() throws Exception {
        Reply reply = post("SELECT range AS i FROM range(3500) ORDER BY i");
        long rows = 0;
        Deadline deadline = Deadline.in(Duration.ofSeconds(30));
        while (reply.nextUri() != null) {
            deadline.check("the last page");
            String uri = reply.nextUri();
            List<Future<Reply>> polls = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 4; i++) {
                    polls.add(threads.submit(() -> get(uri)));
                }
            }
            reply = polls.get(0).get();
            for (Future<Reply> poll : polls) {
                assertEquals(reply.response().body(), poll.get().response().body());
            }
            rows += reply.json().path("data").size();
        }
        assertEquals(3500, rows);
    }

    @Test
    void deletesRacingPageReadsNeitherCrashNorLeak() throws Exception {
        for (int i = 0; i < 20; i++) {
            Reply reply = post("SELECT range, repeat('x', 100) AS s FROM range(100000000)");
            Deadline deadline = Deadline.in(Duration.ofSeconds(10));
            while (reply.json().path("data").isMissingNode()) {
                deadline.check("a first page");
                reply = get(reply.nextUri());
            }
            String uri = reply.nextUri();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Reply> page = threads.submit(() -> get(uri));
                Future<Integer> cancel = threads.submit(() -> delete(uri));
                assertEquals(204, cancel.get(10, TimeUnit.SECONDS));
                Reply read = page.get(10, TimeUnit.SECONDS);
                // Either the page was read before the cancel, or the read saw it; or the query was gone.
                if (read.status() == 200) {
                    assertTrue(Set.of("RUNNING", "FAILED").contains(read.state()), read.json().toString());
                    if (read.state().equals("FAILED")) {
                        assertEquals("USER_CANCELED", read.json().path("error").path("errorName").asText());
                    }
                } else {
                    assertEquals(404, read.status());
                }
            }
            server.awaitNoRunningQueries();
        }
    }

    /** A bound on a polling loop, so a broken server fails the test instead of hanging it. */
    private record Deadline(long nanos) {
        static Deadline in(Duration timeout) {
            return new Deadline(System.nanoTime() + timeout.toNanos());
        }

        void check(String what) {
            if (System.nanoTime() > nanos) {
                throw new AssertionError("timed out waiting for " + what);
            }
        }
    }

    @Test
    void deleteByQueryIdCancels() throws Exception {
        Reply reply = post("SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b");
        String id = reply.json().path("id").asText();
        TrinoTestServer.await(() -> server.duckDb().group().runningQueries() == 1, Duration.ofSeconds(5),
                () -> "the query to start");
        assertEquals(204, delete(server.baseUrl() + "/v1/query/" + id));
        server.awaitNoRunningQueries();
    }

    @Test
    void aClientThatStopsPollingIsReapedAndItsSlotFreed() throws Exception {
        Reply reply = post("SELECT range FROM range(10000000)");
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        while (reply.json().path("data").isMissingNode()) {
            deadline.check("a first page");
            reply = get(reply.nextUri());
        }
        assertEquals(PAGE_ROWS, reply.json().path("data").size());
        assertEquals(1, server.duckDb().group().runningQueries());
        // The client goes away mid-result; the reaper cancels the query after the client timeout.
        server.awaitNoRunningQueries();
        assertEquals(404, get(reply.nextUri()).status());
    }

    @Test
    void sessionHeadersInAndOut() throws Exception {
        Reply set = followToEnd(post("SET SESSION query_max_run_time = 'x y,z'"));
        assertEquals("SET SESSION", set.json().path("updateType").asText());
        assertEquals(Optional.of("query_max_run_time=x+y%2Cz"),
                set.response().headers().firstValue("X-Trino-Set-Session"));
        assertEquals("result", set.json().path("columns").path(0).path("name").asText());

        Reply reset = followToEnd(post("RESET SESSION query_max_run_time"));
        assertEquals("RESET SESSION", reset.json().path("updateType").asText());
        assertEquals(Optional.of("query_max_run_time"), reset.response().headers().firstValue("X-Trino-Clear-Session"));

        Reply use = followToEnd(post("USE memory.main"));
        assertEquals("USE", use.json().path("updateType").asText());
        assertEquals(Optional.of("memory"), use.response().headers().firstValue("X-Trino-Set-Catalog"));
        assertEquals(Optional.of("main"), use.response().headers().firstValue("X-Trino-Set-Schema"));

        RunningQuery holder = occupySlot();
        try {
            Reply queued = post("SELECT 1", Map.of(
                    "X-Trino-User", "alice",
                    "X-Trino-Source", "my-tool",
                    "X-Trino-Catalog", "memory",
                    "X-Trino-Schema", "main",
                    "X-Trino-Client-Tags", "etl, team=data",
                    "X-Trino-Session", "a=1,b=x%20y%2Cz",
                    "X-Trino-Client-Info", "hello",
                    "X-Trino-Time-Zone", "Europe/Paris"));
            ClientSession session = server.duckDb().dispatcher().registry()
                    .find(queued.json().path("id").asText()).orElseThrow().request().session();
            assertEquals(Protocol.TRINO_HTTP, session.protocol());
            assertEquals("alice", session.user());
            assertEquals(Optional.of("my-tool"), session.source());
            assertEquals(Optional.of("memory"), session.catalog());
            assertEquals(Optional.of("main"), session.schema());
            assertEquals(Set.of("etl", "team=data"), session.clientTags());
            assertEquals(Map.of("a", "1", "b", "x y,z"), session.sessionProperties());
            assertEquals(Optional.of("hello"), session.header("x-trino-client-info"));
            assertEquals("Europe/Paris", session.headers().get("x-trino-time-zone"));
            assertEquals(204, delete(queued.nextUri()));
        } finally {
            holder.close();
        }
    }

    @Test
    void badSessionHeaderIsBadRequest() throws Exception {
        Reply reply = post("SELECT 1", Map.of("X-Trino-User", "u", "X-Trino-Session", "novalue"));
        assertEquals(400, reply.status());
        assertFalse(reply.response().body().isEmpty());
    }

    @Test
    void nextUriUsesTheConfiguredExternalAddress() throws Exception {
        TrinoHttpConfig config = TrinoHttpConfig.defaults()
                .withExternalAddress(Optional.of(URI.create("https://trino.example.com:8443/")));
        try (TrinoTestServer behindProxy = TrinoTestServer.start(config)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(behindProxy.baseUrl() + "/v1/statement"))
                    .header("X-Trino-User", "u")
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                    .build();
            Reply reply = send(request);
            assertTrue(reply.nextUri().startsWith("https://trino.example.com:8443/v1/statement/queued/"),
                    reply.nextUri());
            Deadline deadline = Deadline.in(Duration.ofSeconds(30));
            while (reply.nextUri() != null) {
                deadline.check("the last page");
                assertTrue(reply.nextUri().startsWith("https://trino.example.com:8443/"), reply.nextUri());
                reply = get(reply.nextUri().replace("https://trino.example.com:8443", behindProxy.baseUrl()));
            }
            assertEquals("FINISHED", reply.state());
            behindProxy.awaitNoRunningQueries();
        }
    }

    @Test
    void infoAnswersLikeACoordinator() throws Exception {
        Reply info = get(server.baseUrl() + "/v1/info");
        assertEquals(200, info.status());
        assertFalse(info.json().path("starting").asBoolean(true));
        assertTrue(info.json().path("coordinator").asBoolean());
        assertEquals("queryflux", info.json().path("environment").asText());
        assertTrue(info.json().path("nodeVersion").path("version").asText().startsWith("queryflux"));
        assertTrue(info.json().path("uptime").asText().endsWith("s"));
    }
}
