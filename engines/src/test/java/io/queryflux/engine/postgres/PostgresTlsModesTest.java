package io.queryflux.engine.postgres;

import static io.queryflux.engine.postgres.PgWireForwardingTest.textRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.testing.SelfSignedCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sslMode} and {@code sslRootCert} against real PostgreSQL servers, on both kinds of
 * engine connection: the engine's own protocol connections (forwarded rows) and pgjdbc's.
 * One server has TLS with a certificate for {@code localhost} only, one has no TLS.
 */
class PostgresTlsModesTest {
    private static final String SSL_IN_USE = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    private static Path dir;
    private static SelfSignedCertificate serverCertificate;
    private static SelfSignedCertificate otherAuthority;
    private static EmbeddedPostgres withTls;
    private static EmbeddedPostgres withoutTls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("pg-tls-modes");
        Optional<SelfSignedCertificate> made = SelfSignedCertificate.create(dir, "server", "DNS:localhost");
        assumeTrue(made.isPresent(), SelfSignedCertificate.NO_OPENSSL);
        serverCertificate = made.get();
        otherAuthority = SelfSignedCertificate.create(dir, "other", "DNS:localhost").orElseThrow();
        withTls = EmbeddedPostgres.builder().setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", serverCertificate.certificate().toString())
                .setServerConfig("ssl_key_file", serverCertificate.privateKey().toString()).start();
        withoutTls = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {withTls, withoutTls}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Engine engine(EmbeddedPostgres server, String host, String mode, Path rootCertificate) {
        Map<String, String> settings = new HashMap<>(Map.of("host", host, "port", Integer.toString(server.getPort()),
                "database", "postgres", "username", "postgres", "poolSize", "1", "connectTimeoutSecs", "2",
                "sslMode", mode));
        if (rootCertificate != null) {
            settings.put("sslRootCert", rootCertificate.toString());
        }
        return new PostgresEngineFactory().create("tls-modes", settings);
    }

    /** Whether the engine's connection uses TLS, asked over its own connection and over pgjdbc's. */
    private static List<String> sslInUse(Engine engine) throws QueryException {
        String forwarded = textRows(engine, SSL_IN_USE).get(0).get(0);
        EngineQuery query = new EngineQuery("q1", SSL_IN_USE, "tester", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Set.of(), Set.of());
        try (QueryExecution execution = engine.prepare(query); ResultCursor cursor = execution.run()) {
            assertTrue(cursor.next());
            return List.of(forwarded, String.valueOf(cursor.value(0)));
        }
    }

    /** Both kinds of connection fail, each with a message containing {@code reason}. */
    private static void bothRefuse(Engine engine, String reason) {
        QueryException own = assertThrows(QueryException.class, () -> textRows(engine, SSL_IN_USE));
        assertTrue(own.getMessage().contains(reason), own.getMessage());
        QueryException pgjdbc = assertThrows(QueryException.class, () -> engine.prepare(new EngineQuery("q2",
                SSL_IN_USE, "tester", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Set.of(),
                Set.of())).run());
        assertTrue(pgjdbc.getMessage().toLowerCase().contains(reason.toLowerCase()), pgjdbc.getMessage());
    }

    /**
     * Under TLS too, a pooled connection on which PostgreSQL sent its FATAL while it idled is not
     * lent (the TLS stream counts only bytes it decrypted): a statement that writes, never sent
     * twice in autocommit, gets a live connection.
     */
    @Test
    void aConnectionPostgresEndedWhileIdleIsNotLentUnderTls() throws Exception {
        try (Connection direct = withTls.getPostgresDatabase().getConnection(); Statement s = direct.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tls_writes (n int)");
            try (Engine engine = engine(withTls, "127.0.0.1", "require", null)) {
                assertEquals(List.of(List.of("t")), textRows(engine, SSL_IN_USE)); // one connection, pooled
                s.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                        + " WHERE application_name = 'queryflux'");
                Thread.sleep(150); // the pool looks at connections idle for 100 ms or more
                assertEquals(List.of(List.of("1")),
                        textRows(engine, "WITH w AS (INSERT INTO tls_writes VALUES (1) RETURNING n) SELECT count(*) FROM w"));
            }
        }
    }

    @Test
    void verifyFullAcceptsTheServersCertificateForTheNameItCarries() throws Exception {
        try (Engine engine = engine(withTls, "localhost", "verify-full", serverCertificate.certificate())) {
            assertEquals(List.of("t", "true"), sslInUse(engine));
        }
    }

    @Test
    void verifyFullRefusesAHostTheCertificateDoesNotNameWhileVerifyCaAcceptsIt() throws Exception {
        try (Engine engine = engine(withTls, "127.0.0.1", "verify-full", serverCertificate.certificate())) {
            bothRefuse(engine, "127.0.0.1");
        }
        try (Engine engine = engine(withTls, "127.0.0.1", "verify-ca", serverCertificate.certificate())) {
            assertEquals(List.of("t", "true"), sslInUse(engine));
        }
    }

    @Test
    void verifyCaRefusesACertificateFromAnotherAuthority() throws Exception {
        try (Engine engine = engine(withTls, "localhost", "verify-ca", otherAuthority.certificate())) {
            bothRefuse(engine, "PKIX path");
        }
    }

    @Test
    void requireRefusesAServerWithoutTlsWherePreferGoesOnInPlainText() throws Exception {
        try (Engine engine = engine(withoutTls, "127.0.0.1", "require", null)) {
            bothRefuse(engine, "does not support SSL");
        }
        try (Engine engine = engine(withoutTls, "127.0.0.1", "prefer", null)) {
            assertEquals(List.of("f", "false"), sslInUse(engine));
        }
        try (Engine engine = engine(withTls, "127.0.0.1", "prefer", null)) {
            assertEquals(List.of("t", "true"), sslInUse(engine));
        }
        try (Engine engine = engine(withTls, "127.0.0.1", "disable", null)) {
            assertEquals(List.of("f", "false"), sslInUse(engine));
        }
    }

    @Test
    void wrongSettingsAreReportedAgainstTheirKeyAtStartUp() {
        InvalidSettingException mode = assertThrows(InvalidSettingException.class,
                () -> engine(withTls, "localhost", "verify_everything", null));
        assertEquals("sslMode", mode.key());
        assertTrue(mode.getMessage().contains("verify_everything"), mode.getMessage());
        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> engine(withTls, "localhost", "verify-full", dir.resolve("missing.pem")));
        assertEquals("sslRootCert", missing.key());
        assertTrue(missing.getMessage().contains("missing.pem"), missing.getMessage());
        InvalidSettingException notPem = assertThrows(InvalidSettingException.class,
                () -> engine(withTls, "localhost", "verify-full", serverCertificate.privateKey()));
        assertEquals("sslRootCert", notPem.key());
        InvalidSettingException unused = assertThrows(InvalidSettingException.class,
                () -> engine(withTls, "localhost", "require", serverCertificate.certificate()));
        assertEquals("sslRootCert", unused.key());
    }
}
