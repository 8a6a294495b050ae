package io.queryflux.engine.athena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Column;
import io.queryflux.engine.CursorRows;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.HealthState;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.duckdb.DuckDbEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real AWS SDK against {@link FakeAthenaServer}, which runs the SQL on embedded DuckDB. */
class AthenaEngineTest {
    private static DuckDbEngine duckDb;
    private static FakeAthenaServer athena;
    private static AthenaEngine engine;

    @BeforeAll
    static void start() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
        athena = FakeAthenaServer.start(duckDb);
        engine = engine(Map.of());
    }

    private static AthenaEngine engine(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "region", "eu-west-1",
                "endpointOverride", athena.endpoint().toString(),
                "auth.accessKeyId", "AKIATEST",
                "auth.secretAccessKey", "secret",
                "workgroup", "primary",
                "database", "analytics",
                "s3OutputLocation", "s3://results-bucket/queryflux/",
                "pollInitialMillis", "5",
                "pollMaxMillis", "50",
                "retry.baseDelayMillis", "5"));
        settings.putAll(overrides);
        return (AthenaEngine) new AthenaEngineFactory().create("athena-test", settings);
    }

    @AfterEach
    void resetServer() {
        athena.reset();
    }

    @AfterAll
    static void stop() {
        engine.close();
        athena.close();
        duckDb.close();
    }

    private static EngineQuery query(String sql) {
        return new EngineQuery("qf-" + UUID.randomUUID(), sql, "alice", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Set.of());
    }

    private static List<List<Object>> rows(AthenaEngine on, String sql) throws QueryException {
        try (QueryExecution execution = on.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            return CursorRows.readAll(cursor);
        }
    }

    @Test
    void typesFromResultSetMetadataAreExact() throws QueryException {
        String sql = """
                SELECT true AS b, 127::TINYINT AS ti, (-9223372036854775808)::BIGINT AS bi, 1.1::REAL AS r, 0.1::DOUBLE AS d,
                       12345678901234567890.123456789012345678::DECIMAL(38,18) AS dec, 'grüße' AS s, '\\x00\\xFF'::BLOB AS bin,
                       DATE '2024-02-29' AS dt, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
                       TIMESTAMPTZ '2024-01-02 03:04:05.123+00' AS tstz,
                       [1, NULL, 3] AS arr, MAP {'k': 1} AS m, {'x': 1, 'y': 'a'} AS rw, NULL::INTEGER AS n
                """;
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            assertEquals(List.of("b", "ti", "bi", "r", "d", "dec", "s", "bin", "dt", "ts", "tstz", "arr", "m", "rw", "n"),
                    cursor.columns().stream().map(Column::name).toList());
            assertEquals(List.of("boolean", "tinyint", "bigint", "real", "double", "decimal(38,18)", "varchar", "varbinary",
                            "date", "timestamp(6)", "timestamp(6) with time zone", "varchar", "varchar", "varchar", "integer"),
                    cursor.columns().stream().map(Column::type).map(SqlType::trinoName).toList());
            assertTrue(cursor.next(), "the header row is not a data row");
            assertEquals(true, cursor.value(0));
            assertEquals((byte) 127, cursor.value(1));
            assertEquals(Long.MIN_VALUE, cursor.value(2));
            assertEquals(1.1f, cursor.value(3));
            assertEquals(0.1d, cursor.value(4));
            assertEquals(new BigDecimal("12345678901234567890.123456789012345678"), cursor.value(5));
            assertEquals("grüße", cursor.value(6));
            assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) cursor.value(7));
            assertEquals(LocalDate.of(2024, 2, 29), cursor.value(8));
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000), cursor.value(9));
            assertEquals(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 123000000, ZoneId.of("UTC")), cursor.value(10));
            assertEquals("[1, null, 3]", cursor.value(11));
            assertEquals("{k=1}", cursor.value(12));
            assertEquals("{x=1, y=a}", cursor.value(13));
            assertEquals(null, cursor.value(14));
            assertFalse(cursor.next());
        }
    }

    @Test
    void sendsWorkgroupCatalogDatabaseAndOutputLocation() throws QueryException {
        rows(engine, "SELECT 1");
        var start = athena.lastStartRequest();
        assertEquals("primary", start.path("WorkGroup").asText());
        assertEquals("AwsDataCatalog", start.path("QueryExecutionContext").path("Catalog").asText());
        assertEquals("analytics", start.path("QueryExecutionContext").path("Database").asText());
        assertEquals("s3://results-bucket/queryflux/", start.path("ResultConfiguration").path("OutputLocation").asText());

        EngineQuery session = new EngineQuery("qf-s", "SELECT 1", "alice", Optional.empty(), Optional.of("lake"),
                Optional.of("sales"), Map.of(), Set.of());
        try (QueryExecution execution = engine.prepare(session)) {
            execution.run().close();
        }
        assertEquals("lake", athena.lastStartRequest().path("QueryExecutionContext").path("Catalog").asText());
        assertEquals("sales", athena.lastStartRequest().path("QueryExecutionContext").path("Database").asText());
    }

    @Test
    void waitsThroughQueuedAndRunning() throws QueryException {
        athena.hold(Duration.ofMillis(500), Duration.ofMillis(500));
        assertEquals(List.of(List.of(42)), rows(engine, "SELECT 42 AS answer"));
        assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), athena.lastQuery().reportedStates());
        // The wait doubles from 5 ms to 50 ms: about 25 polls for 1 s, not a busy loop.
        int polls = athena.calls("GetQueryExecution");
        assertTrue(polls >= 3 && polls <= 40, "polls: " + polls);
    }

    @Test
    void failedQueriesKeepTheEngineErrorCode() {
        QueryException missing = assertThrows(QueryException.class, () -> rows(engine, "SELECT * FROM no_such_table"));
        assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
        assertTrue(missing.getMessage().startsWith("TABLE_NOT_FOUND: "), missing.getMessage());
        assertEquals("FAILED", athena.lastQuery().state);
        assertEquals(ErrorCode.SYNTAX_ERROR, assertThrows(QueryException.class, () -> rows(engine, "SELEC 1")).code());
    }

    @Test
    void cancelStopsTheQueryInAthena() throws Exception {
        athena.hold(Duration.ZERO, Duration.ofSeconds(30));
        QueryExecution execution = engine.prepare(query("SELECT 1"));
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return execution.run();
            } catch (QueryException e) {
                return e;
            }
        });
        awaitReported("RUNNING");
        execution.cancel();
        Object outcome = running.get(10, TimeUnit.SECONDS);
        assertTrue(outcome instanceof QueryException e && e.code() == ErrorCode.USER_CANCELED, "got " + outcome);
        assertEquals(1, athena.calls("StopQueryExecution"));
        assertEquals("CANCELLED", athena.lastQuery().state);
        execution.close();
        assertEquals(1, athena.calls("StopQueryExecution"), "closing after a cancel stops nothing twice");
    }

    private static void awaitReported(String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (athena.calls("StartQueryExecution") > 0 && athena.lastQuery().reportedStates().contains(state)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never saw " + state);
    }

    @Test
    void cancelledOutsideTheProxyIsReported() throws Exception {
        athena.hold(Duration.ofSeconds(30), Duration.ZERO);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return rows(engine, "SELECT 1");
            } catch (QueryException e) {
                return e;
            }
        });
        awaitReported("QUEUED");
        athena.lastQuery().stop();
        Object outcome = running.get(10, TimeUnit.SECONDS);
        assertTrue(outcome instanceof QueryException e && e.code() == ErrorCode.USER_CANCELED
                && e.getMessage().contains("outside the proxy"), "got " + outcome);
    }

    @Test
    void maxWaitStopsASlowQuery() {
        athena.hold(Duration.ZERO, Duration.ofSeconds(30));
        try (AthenaEngine impatient = engine(Map.of("maxWaitSecs", "1"))) {
            QueryException e = assertThrows(QueryException.class, () -> rows(impatient, "SELECT 1"));
            assertEquals(ErrorCode.EXCEEDED_TIME_LIMIT, e.code());
        }
        assertEquals(1, athena.calls("StopQueryExecution"));
        assertEquals("CANCELLED", athena.lastQuery().state);
    }

    @Test
    void pagesOfAThousandRowsAreFetchedAsTheCursorAdvances() throws QueryException {
        try (QueryExecution execution = engine.prepare(query("SELECT i, 'row ' || i AS label FROM range(2500) t(i)"));
                ResultCursor cursor = execution.run()) {
            assertTrue(cursor.next());
            assertEquals(1, athena.calls("GetQueryResults"), "only the first page before it is consumed");
            long expected = 0;
            do {
                assertEquals(expected, cursor.value(0));
                assertEquals("row " + expected, cursor.value(1));
                expected++;
            } while (cursor.next());
            assertEquals(2500, expected);
            // 1 header + 999 rows, then 1000, then 501.
            assertEquals(3, athena.calls("GetQueryResults"));
        }
    }

    @Test
    void throttledCallsAreRetriedWithBackoff() throws QueryException {
        athena.throttle("StartQueryExecution", 2);
        athena.throttle("GetQueryExecution", 2);
        athena.throttle("GetQueryResults", 1);
        assertEquals(List.of(List.of(7)), rows(engine, "SELECT 7"));
        assertEquals(3, athena.calls("StartQueryExecution"));
        assertTrue(athena.calls("GetQueryExecution") >= 3);
        assertEquals(2, athena.calls("GetQueryResults"));
    }

    @Test
    void throttlingBeyondTheRetryBudgetFailsClearly() {
        athena.throttle("StartQueryExecution", 10);
        try (AthenaEngine fewRetries = engine(Map.of("retry.maxAttempts", "3"))) {
            QueryException e = assertThrows(QueryException.class, () -> rows(fewRetries, "SELECT 1"));
            assertEquals(ErrorCode.EXTERNAL_ERROR, e.code());
            assertTrue(e.getMessage().contains("throttled"), e.getMessage());
        }
        assertEquals(3, athena.calls("StartQueryExecution"));
    }

    @Test
    void ddlAndDmlReportUpdateCounts() throws QueryException {
        String table = "t_" + UUID.randomUUID().toString().replace("-", "");
        assertEquals(0L, updateCount("CREATE TABLE " + table + " (x INTEGER)"));
        assertEquals(3L, updateCount("INSERT INTO " + table + " VALUES (1), (2), (3)"));
        assertEquals(List.of(List.of(6L)), rows(engine, "SELECT sum(x)::BIGINT AS total FROM " + table));
    }

    private static long updateCount(String sql) throws QueryException {
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            assertEquals(List.of(), cursor.columns());
            assertFalse(cursor.next());
            return cursor.updateCount().orElseThrow();
        }
    }

    @Test
    void healthFollowsTheWorkgroup() {
        assertEquals(HealthState.HEALTHY, engine.checkHealth(Duration.ofSeconds(5)).state());
        athena.setWorkgroup("paused", "DISABLED");
        try (AthenaEngine paused = engine(Map.of("workgroup", "paused"));
                AthenaEngine missing = engine(Map.of("workgroup", "nope"));
                AthenaEngine down = engine(Map.of("endpointOverride", "http://127.0.0.1:1", "retry.maxAttempts", "1"))) {
            ClusterHealth disabled = paused.checkHealth(Duration.ofSeconds(5));
            assertEquals(HealthState.UNHEALTHY, disabled.state());
            assertTrue(disabled.reason().contains("DISABLED"), disabled.reason());
            assertTrue(missing.checkHealth(Duration.ofSeconds(5)).reason().contains("not found"));
            assertEquals(HealthState.UNHEALTHY, down.checkHealth(Duration.ofSeconds(5)).state());
        }
    }
}
