package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.dispatch.QueryStatus;
import io.queryflux.protocol.mysql.auth.MySqlAuthPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mysql command-line client (Debian's mariadb-client) against the frontend. */
class MySqlCliTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mysql")),
                "mysql CLI (Debian mariadb-client) not installed: apt-get install mariadb-client");
        server = TestServer.start(MySqlFrontendConfig.onPort(0).withDefaultAuthPlugin(
                MySqlAuthPlugin.MYSQL_NATIVE_PASSWORD), TestServer.users());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result mysql(String password, String... extra) throws IOException, InterruptedException {
        return mysqlWithInput(password, "", extra);
    }

    private static Result mysqlWithInput(String password, String input, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mysql", "-h", "127.0.0.1", "-P",
                Integer.toString(server.port()), "-u", TestServer.USER, "-p" + password, "--skip-ssl", "-N", "-B"));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    @Test
    void runsQueries() throws Exception {
        Result r = mysql(TestServer.PASSWORD, "-e", "SELECT 1 + 1 AS two, 'text' AS t; SELECT @@version_comment");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("2\ttext\nQueryFlux MySQL wire proxy", r.output().strip());
    }

    @Test
    void showDatabases() throws Exception {
        Result r = mysql(TestServer.PASSWORD, "-e", "SHOW DATABASES");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().lines().anyMatch("main"::equals), r.output());
    }

    @Test
    void reportsAnErrorAndKeepsGoingInteractively() throws Exception {
        Result r = mysqlWithInput(TestServer.PASSWORD, "SELECT * FROM missing_table;\nSELECT 'after';\n", "--force");
        assertTrue(r.output().contains("ERROR 1146 (42S02)"), r.output());
        assertTrue(r.output().contains("after"), r.output());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Result r = mysql("wrong", "-e", "SELECT 1");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("ERROR 1045 (28000)"), r.output());
    }

    /**
     * Interactive mysql reads every table's columns for completion (COM_FIELD_LIST) when it
     * connects to a database. Each read is a zero-row query that must end as succeeded, not as
     * cancelled, or every interactive login shows up as cancellations in the metrics and history.
     */
    @Test
    void interactiveCompletionReadsColumnsWithoutCancellingQueries() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "script (util-linux) not installed; it gives mysql a terminal");
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE completion_a (id INTEGER, name VARCHAR)");
            s.execute("CREATE TABLE completion_b (code VARCHAR)");
        }
        int before = server.duckDb.finished().size();
        // script runs mysql on a pseudo-terminal, so it is interactive and builds its completion hash.
        Path output = Files.createTempFile("mysql-interactive", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qec", String.join(" ", "mysql", "-h",
                    "127.0.0.1", "-P", Integer.toString(server.port()), "-u", TestServer.USER,
                    "-p" + TestServer.PASSWORD, "--skip-ssl", "-D", "main"), "/dev/null")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("MYSQL_HISTFILE", "/dev/null");
            Process p = builder.start();
            p.getOutputStream().write("SELECT 'done' AS answer;\nexit\n".getBytes());
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("interactive mysql did not finish: " + Files.readString(output));
            }
            String out = Files.readString(output);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("| done   |"), "the query's result table: " + out);
        } finally {
            Files.deleteIfExists(output);
        }
        List<QueryStatus> all = server.duckDb.finished();
        List<QueryStatus> statuses = all.subList(before, all.size());
        // Two column reads and the query at least; SHOW TABLES may count too.
        assertTrue(statuses.size() >= 3, "completion read the tables' columns: " + statuses);
        assertTrue(statuses.stream().allMatch(status -> status == QueryStatus.SUCCEEDED), statuses.toString());
    }
}
