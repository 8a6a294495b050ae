package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node.js drivers, run as real processes over DuckDB by the scripts in src/test/node.
 * node-postgres (pg, with pg-cursor) logs in with SCRAM, parses text results by their type OIDs,
 * sends parameters untyped in text (arrays as PostgreSQL array text) and Buffers in binary with
 * no type, names statements, and pages a cursor with Execute row limits. postgres.js prepares
 * each statement and encodes its parameters by the types the proxy describes. .ci/run installs
 * the packages with {@code npm ci}; without Node.js or them the tests skip and say why.
 */
class PgNodeDriversTest {
    private static final Path CLIENT_DIR = Path.of("src/test/node");
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void noSlotLeft() throws InterruptedException {
        server.awaitNoRunningQueries();
    }

    @Test
    void nodePostgres() throws Exception {
        assumeInstalled("pg", "pg-cursor");
        assertEquals("""
                types {"i2":1,"i8":"9007199254740993","n":"12.50","b":true,"d":"2024-02-29T00:00:00.000Z",\
                "tz":"2024-02-29T12:00:00.000Z","j":{"a":[1]},"by":{"type":"Buffer","data":[0,255]},"ints":[1,null,3]}
                params {"n":42,"s":"it's","t":"2024-02-29T12:00:00.000Z"}
                rows [[1,"one","0001ff"],[2,null,null],[3,"three","0a0b"],[4,"four","0c0d"]]
                any [1,3]
                any uncast [1,3]
                array param ["a","b,c",null]
                named [[["one"]],[["three"]]]
                syntax "42601 Parser Error: syntax error at or near \\"SELEC\\""
                missing "42P01 Catalog Error: Table with name node_missing does not exist!"
                bad cast "22P02 Conversion Error: Could not convert string 'x' to INT32 when casting from source column v"
                transactions [11]
                tags ["INSERT 1","INSERT 1","UPDATE 2","DELETE 2"]
                cursor [[0,1,2,3],[4,5,6,7],[8,9]]
                after 5
                """, run("pg_client.js"));
    }

    @Test
    void postgresJs() throws Exception {
        assumeInstalled("postgres");
        assertEquals("""
                typed [{"n":42,"s":"it's","t":"2024-02-29T12:00:00.000Z"}]
                rows [[1,"one","0001ff","2024-02-29T12:00:00.000Z"],[2,"two",null,null]]
                where [{"id":2}]
                in [{"id":1},{"id":2}]
                any [{"id":1},{"id":2}]
                any uncast [{"id":1},{"id":2}]
                error 42P01
                transaction [{"c":3}]
                cursor [[0,1,2],[3,4,5],[6]]
                """, run("postgresjs_client.js"));
    }

    private static void assumeInstalled(String... packages) throws InterruptedException {
        assumeTrue(ClientProcess.succeeds("node", "--version"), "Node.js is not installed (apt-get install nodejs); skipping");
        for (String name : packages) {
            assumeTrue(Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve(name)),
                    "the npm package " + name + " is not installed (cd protocol-pg/src/test/node && npm ci); skipping");
        }
    }

    private static String run(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(CLIENT_DIR.toFile());
        // TZ: node-postgres reads a DATE as local midnight.
        builder.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(server.port()),
                "PGUSER", PgTestServer.USER, "PGPASSWORD", PgTestServer.PASSWORD, "PGDATABASE", "analytics",
                "PGSSLMODE", "disable", "TZ", "UTC"));
        return ClientProcess.output(builder);
    }
}
