package io.queryflux.engine.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.SqlType;
import io.queryflux.testing.SelfSignedCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * The postgres engine's own protocol connections, against a real PostgreSQL: forwarded rows,
 * errors, cancel, abandoned results, connection reuse, and SCRAM and md5 logins.
 */
class PgWireForwardingTest {
    private static EmbeddedPostgres postgres;
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE scram_user LOGIN PASSWORD 'scram secret'");
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE ROLE md5_user LOGIN PASSWORD 'md5 secret'");
            ResultSet hba = s.executeQuery("SHOW hba_file");
            hba.next();
            Path file = Path.of(hba.getString(1));
            Files.writeString(file, "host all scram_user 127.0.0.1/32 scram-sha-256\n"
                    + "host all md5_user 127.0.0.1/32 md5\n" + Files.readString(file));
            s.execute("SELECT pg_reload_conf()");
            s.execute("CREATE SEQUENCE described");
            s.execute("CREATE TABLE described_rows (n INTEGER)");
        }
        engine = engine("postgres", "", "1");
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        postgres.close();
    }

    private static Engine engine(String user, String password, String poolSize) {
        return new PostgresEngineFactory().create("wire-test", Map.of("endpoint", "127.0.0.1:" + postgres.getPort(),
                "database", "postgres", "username", user, "password", password, "poolSize", poolSize,
                "connectTimeoutSecs", "5"));
    }

    private static EngineQuery forwarded(String sql) {
        return new EngineQuery("q1", sql, "tester", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Set.of(), Set.of(PgWireRows.FORMAT));
    }

    /** Each row's text values, decoded from the forwarded DataRow bodies. */
    static List<List<String>> textRows(Engine on, String sql) throws QueryException {
        try (QueryExecution execution = on.prepare(forwarded(sql))) {
            PgWireRows rows = assertInstanceOf(PgWireRows.class, execution.run());
            List<List<String>> all = new ArrayList<>();
            PgWireRows.Message message;
            while ((message = rows.nextMessage()) != null) {
                if (message.type() == 'D') {
                    all.add(values(message.body()));
                }
            }
            return all;
        }
    }

    /** The message field (M) of a NoticeResponse body. */
    private static String noticeText(byte[] body) {
        int at = 0;
        while (body[at] != 0) {
            int end = at + 1;
            while (body[end] != 0) {
                end++;
            }
            if (body[at] == 'M') {
                return new String(body, at + 1, end - at - 1, UTF_8);
            }
            at = end + 1;
        }
        return "";
    }

    private static List<String> values(byte[] dataRow) {
        int count = ((dataRow[0] & 0xff) << 8) | (dataRow[1] & 0xff);
        List<String> values = new ArrayList<>();
        int at = 2;
        for (int i = 0; i < count; i++) {
            int length = PgWireConnection.readInt(dataRow, at);
            at += 4;
            values.add(length < 0 ? null : new String(dataRow, at, length, UTF_8));
            at += Math.max(length, 0);
        }
        return values;
    }

    @Test
    void plainQueryRowsAreForwardedAsPostgresPrintedThem() throws QueryException {
        try (QueryExecution execution = engine.prepare(forwarded("SELECT 1::int AS id, 12.50::numeric(8,2) AS price,"
                + " 'x'::text AS name, NULL::date AS day, '2024-01-02 03:04:05+02'::timestamptz AS at,"
                + " ARRAY[1,2] AS list, true AS ok"))) {
            PgWireRows rows = assertInstanceOf(PgWireRows.class, execution.run());
            var columns = ((io.queryflux.engine.ResultCursor) rows).columns();
            assertEquals(List.of("id", "price", "name", "day", "at", "list", "ok"),
                    columns.stream().map(io.queryflux.engine.Column::name).toList());
            assertEquals(List.of(SqlType.INTEGER, SqlType.decimal(8, 2), SqlType.VARCHAR, SqlType.DATE,
                    SqlType.timestampWithTimeZone(6), SqlType.array(SqlType.INTEGER), SqlType.BOOLEAN),
                    columns.stream().map(io.queryflux.engine.Column::type).toList());
            // TimeZone UTC and DateStyle ISO, as PgWireRows.FORMAT promises.
            assertEquals(java.util.Arrays.asList("1", "12.50", "x", null, "2024-01-02 01:04:05+00", "{1,2}", "t"),
                    values(rows.nextMessage().body()));
            assertNull(rows.nextMessage());
            assertEquals("SELECT 1", rows.commandTag());
        }
    }

    @Test
    void noticesArePassedOnBetweenTheRows() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION shout(x int) RETURNS int LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE NOTICE 'row %', x; RETURN x; END $$");
        }
        try (QueryExecution execution = engine.prepare(forwarded("SELECT shout(x) FROM generate_series(1, 2) x"))) {
            PgWireRows rows = (PgWireRows) execution.run();
            List<String> seen = new ArrayList<>();
            PgWireRows.Message message;
            while ((message = rows.nextMessage()) != null) {
                seen.add(message.type() == 'N' ? "notice " + noticeText(message.body()) : values(message.body()).get(0));
            }
            assertEquals(List.of("notice row 1", "1", "notice row 2", "2"), seen);
        }
    }

    @Test
    void statementsOtherThanPlainQueriesAndDecodedReadersUsePgjdbc() throws QueryException {
        EngineQuery decoded = new EngineQuery("q2", "SELECT 1", "tester", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Set.of());
        try (QueryExecution execution = engine.prepare(decoded)) {
            assertTrue(!(execution.run() instanceof PgWireRows));
        }
        try (QueryExecution execution = engine.prepare(forwarded("CREATE TEMP TABLE t AS SELECT 1 AS x"))) {
            assertTrue(!(execution.run() instanceof PgWireRows));
        }
    }

    @Test
    void anErrorKeepsItsSqlStateAndTheConnectionIsReused() throws QueryException {
        String pid = textRows(engine, "SELECT pg_backend_pid()").get(0).get(0);
        QueryException e = assertThrows(QueryException.class, () -> textRows(engine, "SELECT * FROM missing_table"));
        assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code());
        assertEquals("42P01", e.sqlState());
        QueryException division = assertThrows(QueryException.class,
                () -> textRows(engine, "SELECT x / 0 FROM generate_series(1, 3) x"));
        assertEquals(ErrorCode.DIVISION_BY_ZERO, division.code());
        // Pool of one: the same backend answered every query, so each error left it clean.
        assertEquals(List.of(List.of(pid)), textRows(engine, "SELECT pg_backend_pid()"));
    }

    @Test
    void anAbandonedLargeResultIsCancelledAndTheConnectionStaysUsable() throws Exception {
        long start = System.nanoTime();
        // 5 ms a row: draining it instead of cancelling would take over 8 minutes.
        try (QueryExecution execution = engine.prepare(forwarded(
                "SELECT x FROM generate_series(1, 100000) x WHERE pg_sleep(0.005) IS NOT NULL"))) {
            PgWireRows rows = (PgWireRows) execution.run();
            for (int i = 0; i < 10; i++) {
                assertEquals(String.valueOf(i + 1), values(rows.nextMessage().body()).get(0));
            }
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "close drained the result instead of cancelling it");
        assertEquals(List.of(List.of("2")), textRows(engine, "SELECT 2"));
    }

    @Test
    void cancelStopsARunningQuery() throws Exception {
        try (QueryExecution execution = engine.prepare(forwarded("SELECT pg_sleep(30)"))) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    // PostgreSQL describes the columns before it runs the query: the error comes with the rows.
                    return ((PgWireRows) execution.run()).nextMessage();
                } catch (QueryException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            long start = System.nanoTime();
            execution.cancel();
            QueryException e = assertInstanceOf(QueryException.class, running.get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.USER_CANCELED, e.code());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        }
        assertEquals(List.of(List.of("3")), textRows(engine, "SELECT 3"));
    }

    @Test
    void scramAndMd5LoginsWorkAndAWrongPasswordIsRefused() throws QueryException {
        for (String[] login : new String[][] {{"scram_user", "scram secret"}, {"md5_user", "md5 secret"}}) {
            try (Engine as = engine(login[0], login[1], "1")) {
                assertEquals(List.of(List.of(login[0])), textRows(as, "SELECT current_user"));
            }
        }
        try (Engine wrong = engine("scram_user", "not it", "1")) {
            QueryException e = assertThrows(QueryException.class, () -> textRows(wrong, "SELECT 1"));
            assertEquals("28P01", e.sqlState());
        }
    }

    @Test
    void binaryResultFormatsComeFromPostgresItself() throws QueryException {
        EngineQuery binary = new EngineQuery("q1", "SELECT 7::int4 AS n, 'x' AS t", "tester", Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Set.of(), Set.of(PgWireRows.inResultFormats(List.of(1, 0))));
        try (QueryExecution execution = engine.prepare(binary)) {
            PgWireRows rows = assertInstanceOf(PgWireRows.class, execution.run());
            PgWireRows.Message row = rows.nextMessage();
            assertEquals('D', row.type());
            // Two columns: int4 as 4 binary bytes, then 'x' as text.
            assertEquals(List.of(4, 7, 1), List.of(PgWireConnection.readInt(row.body(), 2),
                    PgWireConnection.readInt(row.body(), 6), PgWireConnection.readInt(row.body(), 10)));
            assertNull(rows.nextMessage());
            assertEquals("SELECT 1", rows.commandTag());
        }
    }

    /**
     * A plain query after PostgreSQL ended the pooled connection runs: the connection is not lent
     * (its FATAL seen while it idled), or the query is sent again (the FATAL read as its answer).
     */
    @Test
    void aPlainQueryAfterPostgresEndedThePooledConnectionRuns() throws Exception {
        textRows(engine, "SELECT 1"); // pools the connection
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'queryflux'");
        }
        assertEquals(List.of(List.of("2")), textRows(engine, "SELECT 2"));
    }

    @Test
    void aDescribeRunsNothingAndReportsPostgresErrors() throws QueryException {
        try (QueryExecution execution = engine.prepare(describe("SELECT nextval('described') + $1 AS n"))) {
            PgWireDescription description = assertInstanceOf(PgWireDescription.class, execution.run());
            assertEquals(1, PgWireConnection.readInt(description.parameterDescription(), 0) >>> 16);
            assertTrue(description.rowDescription() != null);
        }
        assertEquals(List.of(List.of("f")), textRows(engine, "SELECT is_called FROM described")); // nothing ran
        // Any statement: what an INSERT's parameters are and what it returns, nothing inserted.
        try (QueryExecution execution = engine.prepare(describe("INSERT INTO described_rows VALUES ($1) RETURNING n"))) {
            PgWireDescription description = assertInstanceOf(PgWireDescription.class, execution.run());
            assertEquals(1, PgWireConnection.readInt(description.parameterDescription(), 0) >>> 16);
            assertEquals(23, PgWireConnection.readInt(description.parameterDescription(), 2)); // int4
            assertTrue(description.rowDescription() != null);
        }
        assertEquals(List.of(List.of("0")), textRows(engine, "SELECT count(*) FROM described_rows"));
        QueryException wrong = assertThrows(QueryException.class,
                () -> engine.prepare(describe("SELECT x FROM missing_table WHERE x = $1")).run());
        assertEquals("42P01", wrong.sqlState());
        assertEquals(List.of(List.of("1")), textRows(engine, "SELECT 1")); // the one connection is reused
    }

    private static EngineQuery describe(String sql) {
        return new EngineQuery("q1", sql, "tester", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Set.of(), Set.of(PgWireDescription.of(List.of(0))));
    }

    @Test
    void aServerThatRequiresTlsIsReachedOverTls(@TempDir Path dir) throws Exception {
        Optional<SelfSignedCertificate> made = SelfSignedCertificate.create(dir);
        assumeTrue(made.isPresent(), SelfSignedCertificate.NO_OPENSSL);
        Path cert = made.get().certificate();
        Path key = made.get().privateKey();
        try (EmbeddedPostgres tlsOnly = EmbeddedPostgres.builder().setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", cert.toString()).setServerConfig("ssl_key_file", key.toString())
                .start()) {
            try (Connection c = tlsOnly.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                ResultSet hba = s.executeQuery("SHOW hba_file");
                hba.next();
                Files.writeString(Path.of(hba.getString(1)), "hostnossl all all 127.0.0.1/32 reject\n"
                        + "hostssl all all 127.0.0.1/32 trust\nlocal all all trust\n");
                s.execute("SELECT pg_reload_conf()");
            }
            try (Engine over = new PostgresEngineFactory().create("tls-test", Map.of("endpoint",
                    "127.0.0.1:" + tlsOnly.getPort(), "database", "postgres", "username", "postgres", "poolSize", "1"))) {
                assertEquals(List.of(List.of("t")),
                        textRows(over, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
            }
        }
    }
}
