package io.queryflux.engine.starrocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.CursorRows;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The starRocks engine against a real MariaDB server (the MySQL-protocol stand-in for StarRocks). */
class StarRocksEngineTest {
    @TempDir
    static Path dir;
    private static MariaDbServer mariaDb;
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(MariaDbServer.installed(), "Debian mariadb-server is not installed: apt-get install mariadb-server");
        mariaDb = MariaDbServer.start(dir);
        engine = new StarRocksEngineFactory().create("test", Map.of("endpoint", mariaDb.endpoint(), "user", "root",
                "poolSize", "4"));
        run("CREATE DATABASE IF NOT EXISTS shop");
        run("CREATE DATABASE IF NOT EXISTS other");
        run("CREATE TABLE IF NOT EXISTS shop.items (id INT PRIMARY KEY, b TINYINT(1), ti TINYINT, ui INT UNSIGNED,"
                + " big BIGINT UNSIGNED, f FLOAT, d DOUBLE, price DECIMAL(10,2), name VARCHAR(20), c CHAR(3),"
                + " bin VARBINARY(8), dt DATE, tm TIME(3), ts DATETIME(6), j JSON, yr YEAR, tx TEXT)");
        run("INSERT INTO shop.items VALUES (1, 1, -5, 4000000000, 18446744073709551615, 1.5, 2.25, 12.34, 'héllo',"
                + " 'abc', x'CAFE', '2024-02-29', '12:34:56.789', '2024-02-29 01:02:03.456789', '{\"a\": 1}', 2024, 'text'),"
                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        run("CREATE TABLE IF NOT EXISTS other.items (id INT)");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    private static EngineQuery query(String sql, Optional<String> schema, Map<String, String> properties) {
        return new EngineQuery("q", sql, "root", Optional.empty(), Optional.empty(), schema, properties, Set.of());
    }

    private static void run(String sql) throws QueryException {
        try (QueryExecution execution = engine.prepare(query(sql, Optional.empty(), Map.of()))) {
            execution.run().close();
        }
    }

    private static List<List<Object>> rows(EngineQuery query) throws QueryException {
        return rows(engine, query);
    }

    private static List<List<Object>> rows(Engine target, EngineQuery query) throws QueryException {
        try (QueryExecution execution = target.prepare(query); ResultCursor cursor = execution.run()) {
            return CursorRows.readAll(cursor);
        }
    }

    @Test
    void healthCheck() {
        assertTrue(engine.checkHealth(Duration.ofSeconds(5)).isHealthy());
        try (Engine down = new StarRocksEngineFactory().create("down", Map.of("endpoint", "127.0.0.1:1",
                "connectTimeoutSecs", "1"))) {
            ClusterHealth health = down.checkHealth(Duration.ofSeconds(2));
            assertFalse(health.isHealthy());
        }
        assertThrows(InvalidSettingException.class, () -> new StarRocksEngineFactory().create("bad", Map.of()));
        assertThrows(InvalidSettingException.class,
                () -> new StarRocksEngineFactory().create("bad", Map.of("endpoint", "nohostport")));
    }

    @Test
    void mapsMySqlTypes() throws QueryException {
        try (QueryExecution execution = engine.prepare(query("SELECT * FROM items ORDER BY id", Optional.of("shop"),
                Map.of())); ResultCursor cursor = execution.run()) {
            List<SqlType> types = cursor.columns().stream().map(c -> c.type()).toList();
            assertEquals(List.of(SqlType.INTEGER, SqlType.BOOLEAN, SqlType.TINYINT, SqlType.BIGINT,
                    SqlType.decimal(20, 0), SqlType.REAL, SqlType.DOUBLE, SqlType.decimal(10, 2), SqlType.varchar(20),
                    SqlType.chars(3), SqlType.VARBINARY, SqlType.DATE, SqlType.time(3), SqlType.timestamp(6)),
                    types.subList(0, 14));
            assertTrue(cursor.next());
            assertEquals(1, cursor.value(0));
            assertEquals(true, cursor.value(1));
            assertEquals((byte) -5, cursor.value(2));
            assertEquals(4000000000L, cursor.value(3));
            assertEquals(new BigDecimal("18446744073709551615"), cursor.value(4));
            assertEquals(1.5f, cursor.value(5));
            assertEquals(2.25, cursor.value(6));
            assertEquals(new BigDecimal("12.34"), cursor.value(7));
            assertEquals("héllo", cursor.value(8));
            assertEquals("abc", cursor.value(9));
            assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE}, (byte[]) cursor.value(10));
            assertEquals(LocalDate.of(2024, 2, 29), cursor.value(11));
            assertEquals(LocalTime.of(12, 34, 56, 789_000_000), cursor.value(12));
            assertEquals(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_789_000), cursor.value(13));
            assertTrue(cursor.value(14).toString().contains("\"a\""));
            assertTrue(cursor.next());
            for (int i = 1; i < cursor.columns().size(); i++) {
                assertNull(cursor.value(i), cursor.columns().get(i).name());
            }
            assertFalse(cursor.next());
        }
    }

    @Test
    void databaseAndSessionVariablesApplyPerQuery() throws QueryException {
        // One pooled connection would carry USE and SET over; each query states its own.
        for (int round = 0; round < 6; round++) {
            assertEquals(List.of(List.of("shop")), rows(query("SELECT DATABASE()", Optional.of("shop"), Map.of())));
            assertEquals(List.of(List.of("other")), rows(query("SELECT DATABASE()", Optional.of("other"), Map.of())));
            assertEquals("7", rows(query("SELECT @@session.max_statement_time", Optional.empty(),
                    Map.of("max_statement_time", "7"))).get(0).get(0).toString().replaceAll("\\.0+$", ""));
            assertEquals("0", rows(query("SELECT @@session.max_statement_time", Optional.empty(), Map.of()))
                    .get(0).get(0).toString().replaceAll("\\.0+$", ""));
        }
    }

    @Test
    void defaultDatabaseAndStreamingTimeoutApplyOnEveryConnection() throws QueryException {
        try (Engine withDefault = new StarRocksEngineFactory().create("default-db", Map.of("endpoint",
                mariaDb.endpoint(), "user", "root", "database", "shop", "poolSize", "1"))) {
            assertEquals(Optional.of("shop"), withDefault.defaultSchema(), "what current_schema() reports");
            assertEquals(Optional.empty(), engine.defaultSchema());
            for (int round = 0; round < 3; round++) {
                assertEquals(List.of(List.of("shop")), rows(withDefault, query("SELECT DATABASE()", Optional.empty(),
                        Map.of())));
                assertEquals(List.of(List.of("other")), rows(withDefault, query("SELECT DATABASE()",
                        Optional.of("other"), Map.of())));
            }
            // Set once per connection, not before every streamed query.
            assertEquals("600", rows(withDefault, query("SELECT @@session.net_write_timeout", Optional.empty(),
                    Map.of())).get(0).get(0).toString());
        }
    }

    @Test
    void errorsAreClassified() {
        QueryException missing = assertThrows(QueryException.class,
                () -> rows(query("SELECT * FROM shop.nope", Optional.empty(), Map.of())));
        assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
        QueryException syntax = assertThrows(QueryException.class,
                () -> rows(query("SELEC 1", Optional.empty(), Map.of())));
        assertEquals(ErrorCode.SYNTAX_ERROR, syntax.code());
        QueryException badVariable = assertThrows(QueryException.class,
                () -> rows(query("SELECT 1", Optional.empty(), Map.of("no_such_variable_x", "1"))));
        assertEquals(ErrorCode.INVALID_SESSION_PROPERTY, badVariable.code());
    }

    @Test
    void cancelKillsTheRunningQuery() throws Exception {
        QueryExecution execution = engine.prepare(query("SELECT SLEEP(60)", Optional.empty(), Map.of()));
        CompletableFuture<QueryException> outcome = CompletableFuture.supplyAsync(() -> assertThrows(
                QueryException.class, () -> {
                    try (ResultCursor cursor = execution.run()) {
                        cursor.next();
                        // MariaDB answers a killed SLEEP with 1 instead of an error.
                        if (Long.valueOf(1).equals(((Number) cursor.value(0)).longValue())) {
                            throw new QueryException(ErrorCode.USER_CANCELED, "SLEEP was interrupted");
                        }
                    }
                }));
        Thread.sleep(500);
        long start = System.nanoTime();
        execution.cancel();
        QueryException e = outcome.get(20, TimeUnit.SECONDS);
        execution.close();
        assertEquals(ErrorCode.USER_CANCELED, e.code());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertEquals("[[1]]", rows(query("SELECT 1", Optional.empty(), Map.of())).toString());
    }

    @Test
    void streamsLargeResults() throws QueryException {
        try (QueryExecution execution = engine.prepare(query("SELECT seq FROM seq_1_to_1000000", Optional.of("shop"),
                Map.of())); ResultCursor cursor = execution.run()) {
            long count = 0;
            long sum = 0;
            while (cursor.next()) {
                sum += ((Number) cursor.value(0)).longValue();
                count++;
            }
            assertEquals(1_000_000, count);
            assertEquals(500_000_500_000L, sum);
        }
    }
}
