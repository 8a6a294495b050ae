package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python's PostgreSQL drivers, run as real processes (Debian's python3-psycopg,
 * python3-psycopg2 and python3-sqlalchemy, which .ci/run installs) by src/test/resources/psycopg_client.py: psycopg 3
 * binds parameters in the extended protocol and reads binary results, psycopg2 interpolates
 * them into simple queries; both open transactions implicitly, page named cursors with
 * DECLARE/FETCH and read COPY. SQLAlchemy (python3-sqlalchemy) reflects schemas, tables, views and
 * columns through pg_catalog right after creating them, as Superset does. asyncpg runs over
 * DuckDB and over a real PostgreSQL. Without the packages the tests skip and say why.
 */
class PgPythonDriversTest {
    /** Debian's interpreter, which the Debian packages install into (a pyenv python3 may come first on PATH). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgAuthMethod.SCRAM_SHA_256);
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE py_items (id INTEGER, name VARCHAR)");
        }
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
    void psycopg3() throws Exception {
        assumeTrue(importable("psycopg"), "python3-psycopg is not installed (apt-get install python3-psycopg); skipping");
        assertEquals("""
                params (42, "it's", Decimal('2.50')) ['n', 't', 'd']
                text (True, 1099511627776, 1.5, datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15), \
                UUID('0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e'), b'\\x00\\xff')
                binary (True, 1099511627776, 1.5, datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15), \
                UUID('0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e'), b'\\x00\\xff')
                rows [(2, 'two'), (3, None)]
                named [1, 2, 3]
                error 42P01
                copy [('1', 'one'), ('2', 'two'), ('3', None)]
                after (3,)
                """, run("psycopg"));
    }

    @Test
    void psycopg2() throws Exception {
        assumeTrue(importable("psycopg2"), "python3-psycopg2 is not installed (apt-get install python3-psycopg2); skipping");
        assertEquals("""
                params (42, "it's", Decimal('2.50')) ['n', 't', 'd']
                text (True, 1099511627776, 1.5, datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15))
                rows [(4, 'four'), (5, None)]
                named [4, 5]
                error 42P01
                after (2,)
                transactions [(7,)]
                """, run("psycopg2"));
    }

    @Test
    void sqlAlchemyReflectsAndQueries() throws Exception {
        assumeTrue(importable("sqlalchemy") && importable("psycopg2"),
                "python3-sqlalchemy or python3-psycopg2 is not installed (apt-get install python3-sqlalchemy); skipping");
        assertEquals("""
                default schema main
                schemas ['main', 'sa_sales']
                tables ['sa_codes', 'sa_orders']
                tables in sa_sales ['regions']
                views ['sa_big']
                columns [('id', 'BIGINT', False), ('customer', 'VARCHAR', True), ('amount', 'NUMERIC(10, 2)', True)]
                has table True False
                primary key {'constrained_columns': ['id'], 'name': 'sa_orders_id_pkey'}
                unique [{'name': 'sa_codes_code_key', 'column_names': ['code']}]
                indexes [('sa_codes_code_key', True, ['code'])]
                select [('acme', Decimal('12.50'))]
                count 2
                """, run("sqlalchemy"));
    }

    @Test
    void asyncpg() throws Exception {
        assumeTrue(importable("asyncpg"), "python3-asyncpg is not installed (apt-get install python3-asyncpg); skipping");
        // Parameter types from the statement's casts, or else as DuckDB infers them; values in binary.
        assertEquals("""
                params (42, Decimal('2.50'), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, \
                tzinfo=datetime.timezone.utc), True, b'\\x00\\xff', UUID('0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e'), 1.5)
                rows [(1, 'one'), (2, None)]
                error 42P01
                after 2
                inferred [(1, Decimal('2.50')), (3, Decimal('9.99'))]
                types ['int4', 'timestamptz'] ['n'] 2
                array [1, 3]
                any uncast [2]
                array columns (['a', 'b,c', None], [1.5], [1, 2])
                """, run("asyncpg"));
    }

    @Test
    void asyncpgOnPostgres() throws Exception {
        assumeTrue(importable("asyncpg"), "python3-asyncpg is not installed (apt-get install python3-asyncpg); skipping");
        // Uncast parameters typed by PostgreSQL, arrays in binary both ways (asyncpg introspects their
        // types through pg_catalog), RETURNING described: as connected directly.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                PostgresBackedFrontend proxy = PostgresBackedFrontend.start(0, "127.0.0.1:" + postgres.getPort(),
                        "postgres", "postgres", 2, Map.of())) {
            String expected = """
                    rows [(1, ['a', "b'c", None], [1, 1099511627776], datetime.date(2024, 1, 1)), (2, [], None, None)]
                    any 1
                    returning 2024-02-01
                    matrix [[1, 2], [3, None]]
                    returned (1, '{"a": [1, 2]}', datetime.timedelta(days=1, seconds=5))
                    first deleted True 0
                    """;
            assertEquals(expected, run("asyncpg-postgres", postgres.getPort(), "postgres", "postgres"));
            assertEquals(expected, run("asyncpg-postgres", proxy.port(), "postgres", "postgres"));
        }
    }

    private static boolean importable(String module) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        return ClientProcess.succeeds(PYTHON.toString(), "-c", "import " + module);
    }

    private static String run(String driver) throws IOException, InterruptedException, URISyntaxException {
        return run(driver, server.port(), PgTestServer.USER, "analytics");
    }

    private static String run(String driver, int port, String user, String database)
            throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(PgPythonDriversTest.class.getResource("/psycopg_client.py").toURI());
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script.toString(), driver);
        builder.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port),
                "PGUSER", user, "PGPASSWORD", PgTestServer.PASSWORD, "PGDATABASE", database,
                "PGSSLMODE", "disable"));
        return ClientProcess.output(builder);
    }
}
