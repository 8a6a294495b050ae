package io.queryflux.protocol.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Trino CLI (the executable jar the build fetches) run as a process against the frontend. */
class TrinoCliTest {
    private static final Path CLI = Path.of("target", "test-tools", "trino-cli.jar");

    private static TrinoTestServer server;

    @BeforeAll
    static void startServer() throws SQLException {
        assertTrue(Files.isRegularFile(CLI), CLI + " is missing: the build's generate-test-resources phase fetches it");
        server = TrinoTestServer.start(TrinoHttpConfig.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void noSlotLeaked() throws InterruptedException {
        server.awaitNoRunningQueries();
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result cli(String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toString(),
                "--server", server.baseUrl(),
                "--user", "cli-user",
                "--catalog", "memory",
                "--schema", "main"));
        command.addAll(List.of(extraArgs));
        Path out = Files.createTempFile("trino-cli", ".out");
        Path err = Files.createTempFile("trino-cli", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the Trino CLI did not finish: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void executePrintsRowsAsCsv() throws Exception {
        Result result = cli("--output-format", "CSV", "--execute",
                "SELECT range AS i, 'v' || range AS s, range * 1.5 AS d, DATE '2024-01-01' + CAST(range AS INTEGER) AS day "
                        + "FROM range(3) ORDER BY i");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("""
                "0","v0","0.0","2024-01-01"
                "1","v1","1.5","2024-01-02"
                "2","v2","3.0","2024-01-03"
                """, result.stdout());
    }

    @Test
    void useAndTablesAcrossStatementsOfOneSession() throws Exception {
        Result result = cli("--output-format", "CSV", "--execute",
                "CREATE SCHEMA IF NOT EXISTS cli_schema; "
                        + "CREATE OR REPLACE TABLE cli_schema.t AS SELECT 5 AS x; "
                        + "USE cli_schema; "
                        + "SELECT x * 2 FROM t");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().endsWith("\"10\"\n"), result.stdout());
    }

    @Test
    void errorExitsNonZeroWithTheMessage() throws Exception {
        Result result = cli("--execute", "SELECT * FROM cli_missing_table");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("cli_missing_table"), result.stderr());
        assertTrue(result.stderr().contains("failed"), result.stderr());
    }

    @Test
    void manyRowsStreamThrough() throws Exception {
        Result result = cli("--output-format", "CSV_UNQUOTED", "--execute",
                "SELECT range FROM range(50000) ORDER BY range");
        assertEquals(0, result.exitCode(), result.stderr());
        String[] lines = result.stdout().split("\n");
        assertEquals(50_000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(Integer.toString(i), lines[i]);
        }
    }
}
