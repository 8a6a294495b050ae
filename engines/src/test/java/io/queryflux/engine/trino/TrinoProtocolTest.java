package io.queryflux.engine.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine puts on the wire, checked on a recording HTTP endpoint: the cluster's own
 * credentials, the session headers, retries of 503. Real Trino has no authentication set up in
 * the tests, so this is where the Authorization header is seen.
 */
class TrinoProtocolTest {
    private static final String ONE_ROW = """
            {"id":"q1","columns":[{"name":"x","type":"integer","typeSignature":{"rawType":"integer","arguments":[]}}],
             "data":[[1]],"stats":{"state":"FINISHED"}}""";

    private HttpServer server;
    private final BlockingQueue<Headers> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/statement", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestHeaders());
                exchange.getRequestBody().readAllBytes();
                int answer = unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : status;
                byte[] body = (answer == 200 ? ONE_ROW : "nope").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TrinoEngine engine(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
        return (TrinoEngine) new TrinoEngineFactory().create("recorded", all);
    }

    private static List<Object> firstRow(TrinoEngine engine, EngineQuery query) throws QueryException {
        try (QueryExecution execution = engine.prepare(query); ResultCursor cursor = execution.run()) {
            assertTrue(cursor.next());
            return List.of(cursor.value(0));
        }
    }

    private static EngineQuery plain() {
        return new EngineQuery("qf-1", "SELECT 1", "alice", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Set.of());
    }

    @Test
    void basicAuthUsesTheClustersCredentials() throws Exception {
        try (TrinoEngine engine = engine(Map.of("auth.type", "basic", "auth.username", "svc", "auth.password", "p@ss:word"))) {
            assertEquals(List.of(1), firstRow(engine, plain()));
        }
        Headers headers = requests.take();
        String expected = "Basic " + Base64.getEncoder().encodeToString("svc:p@ss:word".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, headers.getFirst("Authorization"));
        assertEquals("alice", headers.getFirst("X-Trino-User"), "the client's user still runs the query");
    }

    @Test
    void bearerAuthSendsTheToken() throws Exception {
        try (TrinoEngine engine = engine(Map.of("auth.type", "bearer", "auth.token", "eyJ.token"))) {
            firstRow(engine, plain());
        }
        assertEquals("Bearer eyJ.token", requests.take().getFirst("Authorization"));
    }

    @Test
    void noAuthSendsNoAuthorization() throws Exception {
        try (TrinoEngine engine = engine(Map.of())) {
            firstRow(engine, plain());
        }
        assertEquals(null, requests.take().getFirst("Authorization"));
    }

    @Test
    void sessionTravelsAsTrinoHeaders() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("query_max_run_time", "1h");
        properties.put("odd", "a,b=c d%");
        EngineQuery query = new EngineQuery("qf-42", "SELECT 1", "bob", Optional.of("superset"), Optional.empty(),
                Optional.of("sf1"), properties, Set.of("etl"));
        try (TrinoEngine engine = engine(Map.of("catalog", "tpch", "schema", "tiny"))) {
            firstRow(engine, query);
        }
        Headers headers = requests.take();
        assertEquals("bob", headers.getFirst("X-Trino-User"));
        assertEquals("superset", headers.getFirst("X-Trino-Source"));
        assertEquals("tpch", headers.getFirst("X-Trino-Catalog"), "the cluster's default catalog fills in");
        assertEquals("sf1", headers.getFirst("X-Trino-Schema"), "the session's schema wins over the default");
        assertEquals("etl", headers.getFirst("X-Trino-Client-Tags"));
        assertEquals("qf-42", headers.getFirst("X-Trino-Trace-Token"));
        assertEquals("PARAMETRIC_DATETIME", headers.getFirst("X-Trino-Client-Capabilities"));
        Map<String, String> decoded = new LinkedHashMap<>();
        for (String pair : headers.getFirst("X-Trino-Session").split(",")) {
            String[] kv = pair.split("=", 2);
            decoded.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(properties, decoded);
    }

    @Test
    void unavailableCoordinatorIsRetried() throws Exception {
        unavailableAnswers.set(2);
        try (TrinoEngine engine = engine(Map.of())) {
            assertEquals(List.of(1), firstRow(engine, plain()));
        }
        assertEquals(3, requests.size());
    }

    @Test
    void rejectedCredentialsAreAnExternalError() {
        status = 401;
        try (TrinoEngine engine = engine(Map.of("auth.type", "bearer", "auth.token", "expired"))) {
            QueryException e = assertThrows(QueryException.class, () -> firstRow(engine, plain()));
            assertEquals(ErrorCode.EXTERNAL_ERROR, e.code());
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("credentials"), e.getMessage());
        }
    }
}
