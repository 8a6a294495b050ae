package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.testing.SelfSignedCertificate;
import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * caching_sha2_password's full authentication, with a provider that can only verify cleartext
 * passwords (as an LDAP-backed one would): over TLS, and with the RSA public key exchange;
 * and the AuthSwitchRequest a client starting with mysql_native_password then gets.
 */
class AuthenticationTest {
    /** Verifies passwords but never reveals them, so no scramble can be checked. */
    static final class VerifyOnlyProvider implements AuthProvider {
        private final AuthProvider delegate = TestServer.users();

        @Override
        public String name() {
            return "verify-only";
        }

        @Override
        public boolean trustsDeclaredUser() {
            return false;
        }

        @Override
        public Optional<Identity> verifyPassword(String user, String password) {
            return delegate.verifyPassword(user, password);
        }

        @Override
        public Optional<String> secretFor(String user) {
            return Optional.empty();
        }

        @Override
        public Identity identityOf(String user) {
            return delegate.identityOf(user);
        }
    }

    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Optional<SelfSignedCertificate> certificate = SelfSignedCertificate.create(dir);
        assumeTrue(certificate.isPresent(), SelfSignedCertificate.NO_OPENSSL);
        server = TestServer.start(MySqlFrontendConfig.onPort(0).withTls(certificate.get().certificate(),
                certificate.get().privateKey()), new VerifyOnlyProvider());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url(String options) {
        return "jdbc:mysql://127.0.0.1:" + server.port() + "/?" + options;
    }

    private static void assertWorks(Connection c) throws SQLException {
        try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'ok'")) {
            assertTrue(rs.next());
            assertEquals("ok", rs.getString(1));
        }
    }

    @Test
    void fullAuthenticationOverTls() throws SQLException {
        assertWorks(DriverManager.getConnection(url("sslMode=REQUIRED"), TestServer.USER, TestServer.PASSWORD));
        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url("sslMode=REQUIRED"), TestServer.USER, "nope"));
        assertEquals(1045, wrong.getErrorCode());
    }

    @Test
    void fullAuthenticationWithRsaPublicKey() throws SQLException {
        assertWorks(DriverManager.getConnection(url("sslMode=DISABLED&allowPublicKeyRetrieval=true"), TestServer.USER,
                TestServer.PASSWORD));
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                url("sslMode=DISABLED&allowPublicKeyRetrieval=true"), TestServer.USER, "nope"));
        assertEquals(1045, wrong.getErrorCode());
    }

    @Test
    void nativeClientIsSwitchedToCachingSha2() throws SQLException {
        assertWorks(DriverManager.getConnection(
                url("sslMode=REQUIRED&defaultAuthenticationPlugin=mysql_native_password"), TestServer.USER,
                TestServer.PASSWORD));
        assertWorks(DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port()
                + "/?sslMode=trust", TestServer.USER, TestServer.PASSWORD));
    }

    @Test
    void mysqlCliOverTls() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mysql")), "mysql CLI (Debian mariadb-client) not installed");
        Process p = new ProcessBuilder("mysql", "-h", "127.0.0.1", "-P", Integer.toString(server.port()), "-u",
                TestServer.USER, "-p" + TestServer.PASSWORD, "--ssl", "--skip-ssl-verify-server-cert", "-N", "-B",
                "-e", "SELECT 40 + 2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals("42", out.strip());
    }
}
