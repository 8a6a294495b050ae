package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.NoAuthProvider;
import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each password method with pgjdbc: the right password works, a wrong one or an unknown user gets 28P01. */
class PgAuthTest {
    @ParameterizedTest
    @EnumSource(value = PgAuthMethod.class, names = {"SCRAM_SHA_256", "MD5"})
    void challengeResponseLogins(PgAuthMethod method) throws Exception {
        try (PgTestServer server = PgTestServer.start(method)) {
            try (Connection c = server.connect("");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_user")) {
                assertTrue(rs.next());
                assertEquals(PgTestServer.USER, rs.getString(1));
            }
            SQLException wrong = assertThrows(SQLException.class, () -> server.connect("", PgTestServer.USER, "nope"));
            assertEquals("28P01", wrong.getSQLState());
            SQLException unknown = assertThrows(SQLException.class, () -> server.connect("", "mallory", "x"));
            assertEquals("28P01", unknown.getSQLState());
            assertEquals(0, server.frontend().connections());
        }
    }

    @Test
    void cleartextIsRefusedWithoutTlsUnlessAllowed() throws Exception {
        PgFrontendConfig config = PgFrontendConfig.of("127.0.0.1", 0).withAuthMethod(PgAuthMethod.PASSWORD);
        try (PgTestServer server = PgTestServer.start(config, PgTestServer.users())) {
            SQLException refused = assertThrows(SQLException.class, () -> server.connect(""));
            assertEquals("28000", refused.getSQLState());
        }
        try (PgTestServer server = PgTestServer.start(config.withCleartextWithoutTls(true), PgTestServer.users())) {
            server.connect("").close();
            SQLException wrong = assertThrows(SQLException.class, () -> server.connect("", "bob", "nope"));
            assertEquals("28P01", wrong.getSQLState());
        }
    }

    @Test
    void trustOnlyWhenTheProviderChecksNothing() throws Exception {
        try (PgTestServer server = PgTestServer.start(PgFrontendConfig.of("127.0.0.1", 0), new NoAuthProvider());
                Connection c = server.connect("", "anyone", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT session_user")) {
            assertTrue(rs.next());
            assertEquals("anyone", rs.getString(1));
        }
    }
}
