package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest upgrades the connection in band; cleartext passwords are accepted only over it. */
class PgTlsTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @Test
    void cleartextPasswordOverTls(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed; cannot make a test certificate");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed");
        PgFrontendConfig config = PgFrontendConfig.of("127.0.0.1", 0).withAuthMethod(PgAuthMethod.PASSWORD)
                .withTls(cert, key);
        try (PgTestServer server = PgTestServer.start(config, PgTestServer.users())) {
            try (Connection c = server.connect("sslmode=require");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_user")) {
                assertTrue(rs.next());
                assertEquals(PgTestServer.USER, rs.getString(1));
            }
            SQLException plain = assertThrows(SQLException.class, () -> server.connect("sslmode=disable"));
            assertEquals("28000", plain.getSQLState());
        }
    }
}
