package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.queryflux.testing.SelfSignedCertificate;
import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.util.Optional;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest upgrades the connection in band; cleartext passwords are accepted only over it. */
class PgTlsTest {
    @Test
    void cleartextPasswordOverTls(@TempDir Path dir) throws Exception {
        Optional<SelfSignedCertificate> made = SelfSignedCertificate.create(dir);
        assumeTrue(made.isPresent(), SelfSignedCertificate.NO_OPENSSL);
        Path cert = made.get().certificate();
        Path key = made.get().privateKey();
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
