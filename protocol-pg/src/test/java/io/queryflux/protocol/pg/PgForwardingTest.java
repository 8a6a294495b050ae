package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.dispatch.QueryObserver;
import io.queryflux.dispatch.QueryStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain queries from the simple protocol reach a real PostgreSQL through the postgres engine's
 * own connections, and PostgreSQL's rows are forwarded as they are: psql and pgjdbc see exactly
 * what they see when connected directly.
 */
class PgForwardingTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static final String TYPES_QUERY = "SELECT id, price, name, day, at, tags, doc, flag, ratio FROM typed ORDER BY id";

    private static EmbeddedPostgres postgres;
    private static PostgresBackedFrontend proxy;
    private static TimeZone jvmZone;

    @BeforeAll
    static void start() throws Exception {
        // pgjdbc sends the JVM's zone as TimeZone; rows are forwarded only while it is UTC.
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (id int, price numeric(10,2), name text, day date, at timestamptz,"
                    + " tags text[], doc jsonb, flag boolean, ratio float8)");
            s.execute("INSERT INTO typed VALUES (1, 12.50, 'héllo, \"world\"', '2024-02-29', '2024-01-02 03:04:05.123456+02',"
                    + " '{a,\"b c\"}', '{\"k\": [1, 2]}', true, 0.1),"
                    + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), (3, -0.01, '', '1999-12-31',"
                    + " '1999-12-31 23:59:59+00', '{}', 'null', false, 1e300)");
            s.execute("CREATE TABLE described_dml (id int, amount numeric(10,2), day date)");
            s.execute("CREATE FUNCTION shout(x int) RETURNS int LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE NOTICE 'row %', x; RETURN x; END $$");
        }
        // One connection and one running query: a leaked one would block every later test.
        proxy = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(), "postgres", "postgres", 1, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        postgres.close();
        TimeZone.setDefault(jvmZone);
    }

    private static Connection direct() throws SQLException {
        return connect(postgres.getPort(), "preferQueryMode=simple");
    }

    private static Connection proxied() throws SQLException {
        return connect(proxy.port(), "preferQueryMode=simple");
    }

    /** pgjdbc as it comes: the extended protocol, text results until a statement is prepared. */
    private static Connection connect(int port, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&sslmode=disable"
                + (options.isEmpty() ? "" : "&" + options));
    }

    /** Every column of every row as pgjdbc reads it, with the column type names. */
    private static List<String> read(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return read(rs);
        }
    }

    private static List<String> read(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            out.add(meta.getColumnLabel(i) + ":" + meta.getColumnTypeName(i) + ":" + meta.getPrecision(i) + ","
                    + meta.getScale(i));
        }
        while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                out.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value));
            }
        }
        return out;
    }

    @Test
    void statementsAreDescribedAsDirectly() throws SQLException {
        // pgjdbc describes a statement for getParameterMetaData and getMetaData, as asyncpg does before
        // running any: with no cast, an INSERT's parameter types and its RETURNING columns are PostgreSQL's.
        String insert = "INSERT INTO described_dml VALUES (?, ?, ?) RETURNING id, amount * 2 AS doubled, day";
        String update = "UPDATE described_dml SET day = ? WHERE amount > ?";
        try (Connection direct = connect(postgres.getPort(), ""); Connection proxied = connect(proxy.port(), "")) {
            assertEquals(List.of("int4", "numeric", "date", "id:int4", "doubled:numeric", "day:date"),
                    described(proxied, insert));
            assertEquals(described(direct, insert), described(proxied, insert));
            assertEquals(List.of("date", "numeric"), described(proxied, update));
            assertEquals(List.of("0"), read(direct, "SELECT count(*) FROM described_dml").subList(1, 2)); // nothing ran
        }
    }

    /** The parameter types, then the result columns, as pgjdbc has them described by the server. */
    private static List<String> described(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            List<String> out = new ArrayList<>();
            ParameterMetaData parameters = s.getParameterMetaData();
            for (int i = 1; i <= parameters.getParameterCount(); i++) {
                out.add(parameters.getParameterTypeName(i));
            }
            ResultSetMetaData columns = s.getMetaData();
            for (int i = 1; columns != null && i <= columns.getColumnCount(); i++) {
                out.add(columns.getColumnLabel(i) + ":" + columns.getColumnTypeName(i));
            }
            return out;
        }
    }

    @Test
    void pgjdbcReadsTheSameColumnsAndValuesAsDirectly() throws SQLException {
        try (Connection direct = direct(); Connection proxied = proxied()) {
            assertEquals(read(direct, TYPES_QUERY), read(proxied, TYPES_QUERY));
        }
    }

    @Test
    void theExtendedProtocolReadsTheSameColumnsAndValuesAsDirectly() throws SQLException {
        String sql = "SELECT id, price, name, day, at, tags, doc, flag, ratio, 'x'::name AS n FROM typed"
                + " WHERE id >= ? ORDER BY id";
        try (Connection direct = connect(postgres.getPort(), ""); Connection proxied = connect(proxy.port(), "")) {
            List<String> expected = readPrepared(direct, sql, 1, 0);
            assertEquals(10 + 3 * 10, expected.size(), expected.toString()); // 10 labels, 3 rows of 10
            assertTrue(expected.contains("n:name:2147483647,0"), expected.toString()); // PostgreSQL's own type
            assertEquals(expected, readPrepared(proxied, sql, 1, 0));
        }
    }

    @Test
    void aSmallFetchSizeSuspendsAndResumesTheForwardedPortal() throws SQLException {
        String sql = "SELECT x, repeat('y', x) FROM generate_series(?, 7) x";
        try (Connection direct = connect(postgres.getPort(), ""); Connection proxied = connect(proxy.port(), "")) {
            for (Connection c : List.of(direct, proxied)) {
                c.setAutoCommit(false); // pgjdbc fetches by portal (Execute with a row limit) only in a transaction
            }
            List<String> expected = readPrepared(direct, sql, 1, 2);
            assertEquals(2 + 7 * 2, expected.size(), expected.toString());
            assertEquals(expected, readPrepared(proxied, sql, 1, 2));
            proxied.commit();
            // The one engine connection came back: the next query runs.
            assertEquals(List.of("?column?:int4:10,0", "1"), read(proxied, "SELECT 1"));
        }
    }

    @Test
    void preparedStatementsInBinaryReadTheSameAsDirectly() throws SQLException {
        String sql = "SELECT id, price, name, day, at, tags, doc, flag, ratio, 'x'::name AS n, 42::oid AS o,"
                + " 7::int2 AS s, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, '\\xdead'::bytea AS b,"
                + " 1.5::float4 AS r, '2024-01-02 03:04:05.5'::timestamp AS t, '10:11:12'::time AS tm,"
                + " 12345678901::int8 AS l, point(1.5, -2) AS pt FROM typed WHERE id >= ? ORDER BY id";
        // Prepared on the server from the first execution, so pgjdbc asks for binary results.
        try (Connection direct = connect(postgres.getPort(), "prepareThreshold=1");
                Connection proxied = connect(proxy.port(), "prepareThreshold=1");
                PreparedStatement fromDirect = direct.prepareStatement(sql);
                PreparedStatement fromProxy = proxied.prepareStatement(sql)) {
            // Describe of the statement before it runs: pgjdbc picks binary formats by these types,
            // and binds by the parameter types PostgreSQL infers.
            assertEquals(columnTypes(fromDirect.getMetaData()), columnTypes(fromProxy.getMetaData()));
            assertEquals("int4", fromDirect.getParameterMetaData().getParameterTypeName(1));
            assertEquals("int4", fromProxy.getParameterMetaData().getParameterTypeName(1));
            for (int run = 0; run < 3; run++) {
                fromDirect.setInt(1, run);
                fromProxy.setInt(1, run);
                try (ResultSet d = fromDirect.executeQuery(); ResultSet p = fromProxy.executeQuery()) {
                    List<String> expected = read(d);
                    assertTrue(expected.contains("n:name:2147483647,0") && expected.contains("dead")
                            && expected.contains("(1.5,-2.0)"), expected.toString());
                    assertEquals(expected, read(p));
                }
            }
        }
    }

    @Test
    void parametersTheProxyCannotReadInBinaryAreDescribedAsText() throws Exception {
        try (RawPgClient client = new RawPgClient(proxy.port()).startup("postgres")) {
            byte[] sql = "SELECT $1::jsonb AS j, $2::int4 AS i\0".getBytes(StandardCharsets.UTF_8);
            java.nio.ByteBuffer parse = java.nio.ByteBuffer.allocate(1 + sql.length + 2);
            parse.put((byte) 0).put(sql).putShort((short) 0);
            client.send('P', parse.array());
            client.send('D', new byte[] {'S', 0});
            client.send('S', new byte[0]);
            client.readUntil('1');
            java.nio.ByteBuffer types = java.nio.ByteBuffer.wrap(client.readUntil('t').body());
            assertEquals(2, types.getShort());
            assertEquals(List.of(25, 23), List.of(types.getInt(), types.getInt())); // jsonb as text, int4 as is
            assertEquals('T', client.read().type());
            client.readUntil('Z');
        }
    }

    @Test
    void describingAWrongStatementGivesPostgresErrorAndTheSessionGoesOn() throws SQLException {
        try (Connection proxied = connect(proxy.port(), "prepareThreshold=1");
                PreparedStatement wrong = proxied.prepareStatement("SELECT nope FROM typed WHERE id = ?")) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, wrong::getMetaData);
            assertEquals("42703", e.getSQLState(), e.getMessage());
            assertEquals(List.of("?column?:int4:10,0", "1"), read(proxied, "SELECT 1"));
        }
    }

    @Test
    void withoutForwardWireAPreparedStatementIsDescribedWithoutAFailedQuery() throws Exception {
        List<QueryStatus> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueryObserver observer = PostgresBackedFrontend.recordingEnds(ended);
        try (PostgresBackedFrontend viaJdbc = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(),
                "postgres", "postgres", 1, Map.of("forwardWire", "false"), observer);
                Connection proxied = connect(viaJdbc.port(), "prepareThreshold=1");
                PreparedStatement byId = proxied.prepareStatement("SELECT name FROM typed WHERE id = ?")) {
            assertEquals("name", byId.getMetaData().getColumnLabel(1));
            for (int run = 0; run < 2; run++) {
                byId.setInt(1, 1);
                try (ResultSet rs = byId.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("héllo, \"world\"", rs.getString(1));
                }
            }
            try (Statement local = proxied.createStatement()) {
                // A read-only query is closed after its answer: one more round trip (answered by the
                // proxy, so not a query itself) and the connection has closed the ones before.
                local.execute("SET application_name = 'probe'");
            }
            // This cluster cannot have PostgreSQL describe the statement: it is not asked to (a refusal
            // counted as failed), and the LIMIT 0 probe that describes it instead ends as succeeded.
            assertEquals(List.of(QueryStatus.SUCCEEDED, QueryStatus.SUCCEEDED, QueryStatus.SUCCEEDED), ended);
        }
    }

    private static List<String> columnTypes(ResultSetMetaData meta) throws SQLException {
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            types.add(meta.getColumnLabel(i) + ":" + meta.getColumnTypeName(i));
        }
        return types;
    }

    @Test
    void byteaAndNotANumberParametersReachPostgresSpelledAsItReadsThem() throws SQLException {
        String sql = "SELECT ? AS b, octet_length(?) AS n, ? AS f";
        try (Connection direct = connect(postgres.getPort(), ""); Connection proxied = connect(proxy.port(), "")) {
            List<List<String>> both = new ArrayList<>();
            for (Connection c : List.of(direct, proxied)) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setBytes(1, new byte[] {(byte) 0xde, (byte) 0xad, 0, 'x'});
                    s.setBytes(2, new byte[] {1, 2, 3});
                    s.setDouble(3, Double.NaN);
                    try (ResultSet rs = s.executeQuery()) {
                        assertTrue(rs.next());
                        ResultSetMetaData meta = rs.getMetaData();
                        both.add(List.of(meta.getColumnTypeName(1), meta.getColumnTypeName(2), meta.getColumnTypeName(3),
                                rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            assertEquals(List.of("bytea", "int4", "float8", "\\xdead0078", "3", "NaN"), both.get(0));
            assertEquals(both.get(0), both.get(1));
        }
    }

    private static List<String> readPrepared(Connection connection, String sql, int parameter, int fetchSize)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, parameter);
            s.setFetchSize(fetchSize);
            try (ResultSet rs = s.executeQuery()) {
                return read(rs);
            }
        }
    }

    @Test
    void copyToStdoutWritesWhatPostgresWrites() throws Exception {
        for (String copy : List.of("COPY (" + TYPES_QUERY + ") TO STDOUT",
                "COPY (" + TYPES_QUERY + ") TO STDOUT WITH (FORMAT csv, HEADER)",
                "COPY typed (id, name) TO STDOUT CSV DELIMITER ';' NULL 'none'")) {
            try (Connection direct = direct(); Connection proxied = proxied()) {
                assertEquals(copyOut(direct, copy), copyOut(proxied, copy), copy);
            }
        }
    }

    private static String copyOut(Connection connection, String sql) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        long rows = new org.postgresql.copy.CopyManager(connection.unwrap(org.postgresql.core.BaseConnection.class))
                .copyOut(sql, out);
        return rows + " rows:\n" + out;
    }

    @Test
    void copyFromStdinLoadsThroughThePostgresEngine() throws Exception {
        try (Connection direct = direct(); Statement s = direct.createStatement()) {
            s.execute("CREATE TABLE loaded (id int PRIMARY KEY, name text, day date)");
        }
        String csv = "COPY loaded FROM STDIN (FORMAT csv)";
        try (Connection proxied = proxied()) {
            var copy = new org.postgresql.copy.CopyManager(proxied.unwrap(org.postgresql.core.BaseConnection.class));
            assertEquals(3, copy.copyIn(csv, new java.io.StringReader("1,héllo,2024-02-29\n2,,\n3,\"a,b\",1999-12-31\n")));
            // PostgreSQL's own error for bad data; the session and the one engine connection go on.
            SQLException bad = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> copy.copyIn(csv, new java.io.StringReader("x,y,z\n")));
            assertEquals("22P02", bad.getSQLState());
            // The client gives up half way (CopyFail): nothing of it is loaded.
            org.postgresql.copy.CopyIn abandoned = copy.copyIn(csv);
            byte[] row = "4,four,2020-01-01\n".getBytes(StandardCharsets.UTF_8);
            abandoned.writeToCopy(row, 0, row.length);
            abandoned.cancelCopy();
            assertEquals(List.of("id:int4:10,0", "name:text:2147483647,0", "day:date:13,0", "1", "héllo", "2024-02-29",
                    "2", "null", "null", "3", "a,b", "1999-12-31"), read(proxied, "SELECT * FROM loaded ORDER BY id"));
        }
        // A client that hangs up mid-COPY: the COPY is failed, and the only engine connection comes back.
        Connection doomed = proxied();
        org.postgresql.copy.CopyIn cut = new org.postgresql.copy.CopyManager(
                doomed.unwrap(org.postgresql.core.BaseConnection.class)).copyIn(csv);
        byte[] row = "7,seven,2020-07-07\n".getBytes(StandardCharsets.UTF_8);
        cut.writeToCopy(row, 0, row.length);
        cut.flushCopy();
        doomed.abort(Runnable::run);
        try (Connection next = proxied()) {
            assertEquals(List.of("count:int8:19,0", "3"), read(next, "SELECT count(*) FROM loaded"));
        }
        // In the extended protocol COPY FROM STDIN is refused before it starts, and the session goes on.
        try (Connection extended = connect(proxy.port(), ""); Statement s = extended.createStatement()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("COPY loaded FROM STDIN"));
            assertEquals("0A000", refused.getSQLState(), refused.getMessage());
            assertEquals(List.of("count:int8:19,0", "3"), read(extended, "SELECT count(*) FROM loaded"));
        }
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        String loaded = psql(proxy.port(), "\\copy loaded from stdin", "5\tfive\t2021-05-05\n6\t\\N\t\\N\n");
        assertEquals("COPY 2\n", loaded);
        try (Connection direct = direct()) {
            assertEquals(List.of("count:int8:19,0", "5"), read(direct, "SELECT count(*) FROM loaded"));
        }
    }

    @Test
    void noticesReachTheClientAsWarnings() throws SQLException {
        try (Connection proxied = proxied(); Statement s = proxied.createStatement();
                ResultSet rs = s.executeQuery("SELECT shout(7)")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
            assertEquals("row 7", s.getWarnings().getMessage());
        }
    }

    @Test
    void psqlPrintsTheSameAsDirectly() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        String direct = psql(postgres.getPort(), TYPES_QUERY);
        assertTrue(direct.contains("héllo") && direct.contains("(3 rows)"), direct);
        assertEquals(direct, psql(proxy.port(), TYPES_QUERY));
        String error = psql(proxy.port(), "SELECT * FROM missing_table");
        assertTrue(error.contains("ERROR") && error.contains("missing_table"), error);
    }

    @Test
    void psqlDescribesTablesAsDirectly() throws Exception {
        // On a postgres group the catalog is PostgreSQL's own: \d shows its types, defaults and indexes.
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        for (String command : List.of("\\d typed", "\\d described_dml", "\\dt", "\\df shout")) {
            String direct = psql(postgres.getPort(), command);
            assertTrue(direct.contains("typed") || direct.contains("described_dml") || direct.contains("shout"), direct);
            assertEquals(direct, psql(proxy.port(), command), command);
        }
        // psql chooses its catalog queries by the version the proxy reports: PostgreSQL's own.
        assertEquals(psql(postgres.getPort(), "SHOW server_version"), psql(proxy.port(), "SHOW server_version"));
    }

    @Test
    void statementsThatWriteAndReturnRowsAreForwardedAsDirectly() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed (apt-get install postgresql-client); skipping");
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE with_writes (id int, doc jsonb)");
        }
        // Each run leaves the table as it found it: the same statements, directly and through the proxy.
        String script = "WITH added AS (INSERT INTO with_writes VALUES (1, '{\"a\": 1}'), (2, NULL) RETURNING id)"
                + " SELECT count(*) FROM added; WITH x AS (SELECT 3 AS id) INSERT INTO with_writes (id) SELECT id FROM x;"
                + " UPDATE with_writes SET doc = '[]' WHERE id = 3 RETURNING id, doc;"
                + " DELETE FROM with_writes RETURNING id, doc";
        String direct = psql(postgres.getPort(), script);
        assertTrue(direct.contains("INSERT 0 1") && direct.contains("DELETE 3") && direct.contains("{\"a\": 1}"), direct);
        assertEquals(direct, psql(proxy.port(), script));
    }

    @Test
    void setDateAgainstATimestamptzKeepsItsZoneOnPostgres() throws SQLException {
        // pgjdbc sends a java.sql.Date untyped with the calendar's offset: the JVM's midnight of the
        // 3rd (UTC here) is "2024-01-02 -05" in New York. PostgreSQL infers timestamptz here, where the
        // offset counts: 05:00 UTC, after the first row's 01:04 UTC (without it: midnight, before).
        String sql = "SELECT count(*) FROM typed WHERE at < ?";
        java.util.Calendar newYork = java.util.Calendar.getInstance(TimeZone.getTimeZone("America/New_York"));
        for (int port : List.of(postgres.getPort(), proxy.port())) {
            try (Connection c = connect(port, "");
                    PreparedStatement s = c.prepareStatement(sql)) {
                s.setDate(1, java.sql.Date.valueOf("2024-01-03"), newYork);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1), "port " + port);
                }
            }
        }
    }

    @Test
    void anotherTimeZoneIsStillShownInIt() throws SQLException {
        try (Connection direct = direct(); Connection proxied = proxied()) {
            for (Connection c : List.of(direct, proxied)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TimeZone = 'America/New_York'");
                }
            }
            String sql = "SELECT at FROM typed WHERE id = 1";
            assertEquals(read(direct, sql), read(proxied, sql));
            try (Statement s = proxied.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                assertEquals("2024-01-01 20:04:05.123456-05", rs.getString(1));
            }
        }
    }

    @Test
    void aClientThatHangsUpMidResultFreesTheOnlyConnection() throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try {
            Connection doomed = proxied();
            // About 200 rows a second for 500 s if nobody stops it.
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try (Statement s = doomed.createStatement()) {
                    return s.executeQuery("SELECT x FROM generate_series(1, 100000) x WHERE pg_sleep(0.005) IS NOT NULL");
                } catch (SQLException e) {
                    return e;
                }
            }, executor);
            Thread.sleep(500);
            doomed.abort(Runnable::run);
            running.get(30, TimeUnit.SECONDS);
            try (Connection next = proxied()) {
                assertEquals(List.of("?column?:int4:10,0", "1"), read(next, "SELECT 1"));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static String psql(int port, String sql) throws IOException, InterruptedException {
        return psql(port, sql, "");
    }

    /** psql -c with {@code input} on its standard input (the data of a \copy ... from stdin). */
    private static String psql(int port, String sql, String input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PSQL.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-d", "postgres", "-X", "-c", sql).redirectErrorStream(true);
        builder.environment().put("PGSSLMODE", "disable");
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
