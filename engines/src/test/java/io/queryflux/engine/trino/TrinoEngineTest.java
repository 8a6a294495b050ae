package io.queryflux.engine.trino;

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
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.testing.TestingTrinoServer;
import io.queryflux.testing.TrinoServerExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TrinoServerExtension.class)
class TrinoEngineTest {
    private static TrinoEngine engine;

    @BeforeAll
    static void startEngine(TestingTrinoServer trino) {
        engine = new TrinoEngine(TrinoClusterConfig.of(trino.uri()));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    private static EngineQuery query(String sql) {
        return new EngineQuery("qf-" + UUID.randomUUID(), sql, "alice", Optional.of("engine-test"),
                Optional.empty(), Optional.empty(), Map.of(), Set.of());
    }

    private static List<List<Object>> rows(EngineQuery query) throws QueryException {
        try (QueryExecution execution = engine.prepare(query); ResultCursor cursor = execution.run()) {
            return CursorRows.readAll(cursor);
        }
    }

    private static List<List<Object>> rows(String sql) throws QueryException {
        return rows(query(sql));
    }

    @Test
    void everyTypeKeepsItsExactValue() throws QueryException {
        String sql = """
                SELECT true, TINYINT '-128', SMALLINT '32767', 2147483647, BIGINT '-9223372036854775808',
                       REAL '1.1', DOUBLE '0.1', nan(), -infinity(),
                       DECIMAL '12345678901234567890.123456789012345678', CAST(-1.5 AS decimal(38, 10)),
                       'grüße', CAST('ab' AS char(4)), CAST('x' AS varchar(5)), X'00ff48',
                       DATE '2024-02-29', TIME '23:59:59.123456789', TIME '01:02:03.456 +05:30',
                       TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMP '-0001-01-01 00:00:00',
                       TIMESTAMP '2024-01-02 03:04:05.123456 +01:00',
                       TIMESTAMP '2024-01-02 03:04:05.123456 Europe/Berlin',
                       TIMESTAMP '2024-01-02 03:04:05.123456 UTC',
                       TIMESTAMP '2024-01-02 03:04:05.123456789012',
                       INTERVAL '-1' DAY + INTERVAL '-2.5' SECOND, INTERVAL '14' MONTH,
                       UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59', JSON '{"a":[1,null]}', IPADDRESS '10.0.0.1',
                       ARRAY[ARRAY[1, NULL], ARRAY[]], MAP(ARRAY[1, 2], ARRAY['x', NULL]),
                       MAP(ARRAY[DATE '2024-01-01'], ARRAY[DECIMAL '1.10']),
                       CAST(ROW(1, 'a', ROW(X'01')) AS ROW(x integer, "Y z" varchar, nested ROW(b varbinary))),
                       NULL, CAST(NULL AS decimal(38, 2))
                """;
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            List<String> types = cursor.columns().stream().map(Column::type).map(SqlType::trinoName).toList();
            assertEquals(List.of(
                    "boolean", "tinyint", "smallint", "integer", "bigint",
                    "real", "double", "double", "double",
                    "decimal(38,18)", "decimal(38,10)",
                    "varchar(5)", "char(4)", "varchar(5)", "varbinary",
                    "date", "time(9)", "time(3) with time zone",
                    "timestamp(6)", "timestamp(0)",
                    "timestamp(6) with time zone", "timestamp(6) with time zone", "timestamp(6) with time zone",
                    "varchar",
                    "interval day to second", "interval year to month",
                    "uuid", "json", "varchar",
                    "array(array(integer))", "map(integer, varchar(1))", "map(date, decimal(3,2))",
                    "row(x integer, \"Y z\" varchar, nested row(b varbinary))",
                    "unknown", "decimal(38,2)"), types);
            assertTrue(cursor.next());
            List<Object> expected = Arrays.asList(
                    true, (byte) -128, (short) 32767, 2147483647, Long.MIN_VALUE,
                    1.1f, 0.1d, Double.NaN, Double.NEGATIVE_INFINITY,
                    new BigDecimal("12345678901234567890.123456789012345678"), new BigDecimal("-1.5000000000"),
                    "grüße", "ab  ", "x", null /* varbinary checked below */,
                    LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 123456789),
                    OffsetTime.of(1, 2, 3, 456_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
                    LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000), LocalDateTime.of(-1, 1, 1, 0, 0),
                    OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneOffset.ofHours(1)),
                    ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneId.of("Europe/Berlin")),
                    ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 123456000, ZoneId.of("UTC")),
                    "2024-01-02 03:04:05.123456789012",
                    Duration.ofDays(1).plusMillis(2500).negated(), Period.of(1, 2, 0),
                    UUID.fromString("12151fd2-7586-11e9-8f9e-2a86e4085a59"), "{\"a\":[1,null]}", "10.0.0.1",
                    List.of(Arrays.asList(1, null), List.of()),
                    mapOf(1, "x", 2, null),
                    Map.of(LocalDate.of(2024, 1, 1), new BigDecimal("1.10")),
                    Arrays.asList(1, "a", List.of(new byte[] {1})),
                    null, null);
            for (int i = 0; i < expected.size(); i++) {
                Object actual = cursor.value(i);
                if (i == 14) {
                    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x48}, (byte[]) actual);
                } else if (i == 32) {
                    List<?> row = (List<?>) actual;
                    assertEquals(List.of(1, "a"), row.subList(0, 2));
                    assertArrayEquals(new byte[] {1}, (byte[]) ((List<?>) row.get(2)).get(0));
                } else {
                    assertEquals(expected.get(i), actual, "column " + i + " " + types.get(i));
                }
            }
            assertEquals(ZoneId.of("UTC"), ((ZonedDateTime) cursor.value(22)).getZone(), "the zone id Trino gave is kept");
            assertFalse(cursor.next());
        }
    }

    private static Map<Object, Object> mapOf(Object k1, Object v1, Object k2, Object v2) {
        Map<Object, Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Test
    void tpchQueriesUseTheSessionCatalogAndSchema() throws QueryException {
        EngineQuery inTiny = new EngineQuery("qf-tpch", """
                SELECT r.name, count(*), sum(o.totalprice) > 0
                FROM orders o JOIN customer c ON o.custkey = c.custkey
                JOIN nation n ON c.nationkey = n.nationkey JOIN region r ON n.regionkey = r.regionkey
                GROUP BY r.name ORDER BY r.name""",
                "alice", Optional.empty(), Optional.of("tpch"), Optional.of("tiny"), Map.of(), Set.of());
        List<List<Object>> rows = rows(inTiny);
        assertEquals(List.of("AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals(15000L, rows.stream().mapToLong(r -> (Long) r.get(1)).sum());
        assertEquals(List.of(List.of(60175L)), rows("SELECT count(*) FROM tpch.tiny.lineitem"));
    }

    @Test
    void sessionUserSourceTagsAndPropertiesReachTrino() throws Exception {
        String marker = "session-" + UUID.randomUUID();
        EngineQuery query = new EngineQuery("qf-" + marker, "SELECT current_user, '" + marker + "'", "bob",
                Optional.of("my-dashboard"), Optional.of("tpch"), Optional.of("tiny"),
                Map.of("query_max_run_time", "1h", "join_distribution_type", "BROADCAST"), Set.of("team-a", "nightly"));
        assertEquals(List.of(List.of("bob", marker)), rows(query));

        List<List<Object>> seen = rows("SELECT query_id, source FROM system.runtime.queries WHERE query LIKE 'SELECT current_user, ''" + marker + "%'");
        assertEquals(1, seen.size());
        assertEquals("my-dashboard", seen.get(0).get(1));
        String info = queryInfo((String) seen.get(0).get(0));
        assertTrue(info.contains("\"clientTags\":[\"nightly\",\"team-a\"]") || info.contains("\"clientTags\":[\"team-a\",\"nightly\"]"), info);
        assertTrue(info.contains("\"query_max_run_time\":\"1h\""), "session properties forwarded");
        assertTrue(info.contains("\"join_distribution_type\":\"BROADCAST\""), "session properties forwarded");
        assertTrue(info.contains("\"catalog\":\"tpch\"") && info.contains("\"schema\":\"tiny\""));
        assertTrue(info.contains("\"traceToken\":\"qf-" + marker + "\""), "the proxy's query id is the trace token");
    }

    private static String queryInfo(String queryId) throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            TestingTrinoServer.get().uri().resolve("/v1/query/" + queryId))
                    .header("X-Trino-User", "bob").build();
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        }
    }

    @Test
    void errorsCarryTrinosErrorCodes() {
        assertEquals(ErrorCode.SYNTAX_ERROR, failure("SELEC 1").code());
        QueryException notFound = failure("SELECT * FROM memory.default.no_such_table");
        assertEquals(ErrorCode.TABLE_NOT_FOUND, notFound.code());
        assertTrue(notFound.getMessage().contains("no_such_table"), notFound.getMessage());
        assertEquals(ErrorCode.COLUMN_NOT_FOUND, failure("SELECT no_such_column FROM tpch.tiny.nation").code());
        assertEquals(ErrorCode.FUNCTION_NOT_FOUND, failure("SELECT no_such_function(1)").code());
        assertEquals(ErrorCode.DIVISION_BY_ZERO, failure("SELECT 1 / (nationkey - nationkey) FROM tpch.tiny.nation").code());
        // MISSING_SCHEMA_NAME has no code of its own: a user error stays a user error.
        QueryException missingSchema = failure("SELECT * FROM nation");
        assertEquals(ErrorCode.GENERIC_USER_ERROR, missingSchema.code());
        assertTrue(missingSchema.getMessage().contains("Schema must be specified"), missingSchema.getMessage());
    }

    private static QueryException failure(String sql) {
        return assertThrows(QueryException.class, () -> rows(sql), sql);
    }

    @Test
    void ddlAndDmlReportUpdateCounts() throws QueryException {
        String table = "memory.default.t_" + UUID.randomUUID().toString().replace("-", "");
        assertEquals(3L, updateCount("CREATE TABLE " + table + " AS SELECT * FROM (VALUES 1, 2, 3) t(x)"));
        assertEquals(2L, updateCount("INSERT INTO " + table + " VALUES 4, 5"));
        assertEquals(List.of(List.of(15L)), rows("SELECT sum(x) FROM " + table));
        assertEquals(0L, updateCount("DROP TABLE " + table));
    }

    private static long updateCount(String sql) throws QueryException {
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            assertEquals(List.of(), cursor.columns());
            assertFalse(cursor.next());
            return cursor.updateCount().orElseThrow();
        }
    }

    @Test
    void rawPagesAreTrinosJsonAndMatchTheDecodedRows() throws Exception {
        String sql = "SELECT orderkey * 10 + linenumber, extendedprice, shipdate, IPADDRESS '10.0.0.1' AS ip "
                + "FROM tpch.tiny.lineitem ORDER BY orderkey, linenumber";
        List<List<Object>> decoded = rows(sql);
        ObjectMapper mapper = new ObjectMapper();
        int pages = 0;
        List<JsonNode> raw = new ArrayList<>();
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            RawPassthrough passthrough = (RawPassthrough) cursor;
            assertEquals(RawPassthrough.TRINO_JSON, passthrough.format());
            JsonNode columns = mapper.readTree(passthrough.rawColumns());
            // Trino's own type, where the decoded result model falls back to varchar
            assertEquals("ipaddress", columns.get(3).get("type").asText());
            for (var rows = passthrough.nextRawRows(); rows.isPresent(); rows = passthrough.nextRawRows()) {
                JsonNode page = mapper.readTree(rows.get().json());
                assertEquals(page.size(), rows.get().rows());
                assertTrue(page.size() > 0, "pages without rows are skipped");
                page.forEach(raw::add);
                pages++;
            }
            assertThrows(IllegalStateException.class, cursor::next);
        }
        assertTrue(pages > 1, "several Trino pages: " + pages);
        assertEquals(60_175, raw.size());
        for (int i = 0; i < raw.size(); i++) {
            JsonNode row = raw.get(i);
            List<Object> expected = decoded.get(i);
            assertEquals(expected.get(0), row.get(0).asLong());
            assertEquals(expected.get(1), row.get(1).asDouble());
            assertEquals(expected.get(2).toString(), row.get(2).asText());
            assertEquals("10.0.0.1", row.get(3).asText());
        }
    }

    @Test
    void streamsAMillionRows() throws QueryException {
        String sql = "SELECT a * 1000 + b AS n, CAST(a AS varchar) AS s FROM UNNEST(sequence(0, 999)) x(a) CROSS JOIN UNNEST(sequence(0, 999)) y(b)";
        long count = 0;
        long sum = 0;
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            while (cursor.next()) {
                long n = (Long) cursor.value(0);
                assertEquals(Long.toString(n / 1000), cursor.value(1));
                sum += n;
                count++;
            }
        }
        assertEquals(1_000_000, count);
        assertEquals(999_999L * 1_000_000 / 2, sum);
    }

    @Test
    void cancelStopsTheQueryInTrino() throws Exception {
        String marker = "cancel-" + UUID.randomUUID();
        String sql = "SELECT count(*) FROM tpch.sf1000.lineitem WHERE comment <> '" + marker + "'";
        QueryExecution execution = engine.prepare(query(sql));
        CompletableFuture<Object> reading = CompletableFuture.supplyAsync(() -> {
            try (ResultCursor cursor = execution.run()) {
                return cursor.next();
            } catch (QueryException e) {
                return e;
            }
        });
        awaitState(marker, "RUNNING");
        execution.cancel();
        Object outcome = reading.get(30, TimeUnit.SECONDS);
        assertTrue(outcome instanceof QueryException e && e.code() == ErrorCode.USER_CANCELED, "got " + outcome);
        execution.close();
        assertEquals(List.of("FAILED", "USER_CANCELED"), awaitState(marker, "FAILED"));
    }

    @Test
    void closingBeforeTheEndCancelsTheRestInTrino() throws Exception {
        String marker = "close-" + UUID.randomUUID();
        String sql = "SELECT orderkey, '" + marker + "' FROM tpch.sf100.lineitem";
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            assertTrue(cursor.next());
        }
        assertEquals(List.of("FAILED", "USER_CANCELED"), awaitState(marker, "FAILED"));
    }

    @Test
    void cancelBeforeRunSendsNothing() {
        QueryExecution execution = engine.prepare(query("SELECT 1"));
        execution.cancel();
        QueryException e = assertThrows(QueryException.class, execution::run);
        assertEquals(ErrorCode.USER_CANCELED, e.code());
        execution.close();
    }

    /** Polls system.runtime.queries for the query whose text holds the marker; returns state and error code. */
    private static List<Object> awaitState(String marker, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Object> last = List.of();
        while (System.nanoTime() < deadline) {
            List<List<Object>> rows = rows("SELECT state, error_code FROM system.runtime.queries WHERE query LIKE '%"
                    + marker + "%' AND query NOT LIKE '%system.runtime.queries%'");
            if (!rows.isEmpty()) {
                last = rows.get(0);
                if (state.equals(last.get(0))) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("query " + marker + " never reached " + state + "; last seen " + last);
    }

    @Test
    void healthFollowsTheCoordinator() {
        ClusterHealth health = engine.checkHealth(Duration.ofSeconds(5));
        assertEquals(HealthState.HEALTHY, health.state(), health.reason());
        try (TrinoEngine nowhere = new TrinoEngine(TrinoClusterConfig.of(URI.create("http://127.0.0.1:1")))) {
            ClusterHealth down = nowhere.checkHealth(Duration.ofSeconds(2));
            assertEquals(HealthState.UNHEALTHY, down.state());
            assertTrue(down.reason().contains("/v1/info"), down.reason());
        }
    }
}
