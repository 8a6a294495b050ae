package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.NoAuthProvider;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed, truncated and oversized frames close only the connection that sent them, with a
 * protocol error, while another session goes on working.
 */
class PgRobustnessTest {
    private static PgTestServer server;
    private static Connection bystander;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start(PgFrontendConfig.of("127.0.0.1", 0).withMaxMessageSize(64 * 1024),
                new NoAuthProvider());
        bystander = server.connect("", "bystander", "");
    }

    @AfterAll
    static void stop() throws SQLException {
        bystander.close();
        server.close();
    }

    @AfterEach
    void bystanderStillWorks() throws Exception {
        try (Statement s = bystander.createStatement(); ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.frontend().connections() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, server.frontend().connections(), "a broken connection stayed open");
    }

    @Test
    void absurdStartupLengthIsRejected() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port())) {
            client.raw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 3, 0, 0});
            assertProtocolErrorThenClose(client);
        }
    }

    @Test
    void unsupportedProtocolVersionIsRejected() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port())) {
            client.raw(new byte[] {0, 0, 0, 8, 0, 2, 0, 0});
            RawPgClient.Message error = client.read();
            assertEquals('E', error.type());
            assertTrue(error.text().contains("unsupported frontend protocol"), error.text());
        }
    }

    @Test
    void unknownMessageTypeClosesTheConnection() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port()).startup("fuzzer")) {
            client.send('!', new byte[] {1, 2, 3});
            assertProtocolErrorThenClose(client);
        }
    }

    @Test
    void oversizedMessageIsRefusedBeforeItsBodyIsRead() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port()).startup("fuzzer")) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(frame);
            out.writeByte('Q');
            out.writeInt(512 * 1024 * 1024); // declares 512 MiB, sends a few bytes
            out.write("SELECT 1".getBytes(StandardCharsets.UTF_8));
            client.raw(frame.toByteArray());
            assertProtocolErrorThenClose(client);
        }
    }

    @Test
    void malformedBindIsAProtocolError() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port()).startup("fuzzer")) {
            client.send('P', "\0SELECT $1\0\0\0".getBytes(StandardCharsets.UTF_8));
            // portal "", statement "", 0 formats, then 1000 parameters announced but none sent
            client.send('B', new byte[] {0, 0, 0, 0, 0x03, (byte) 0xe8});
            assertEquals('1', client.read().type()); // ParseComplete
            assertProtocolErrorThenClose(client);
        }
    }

    @Test
    void truncatedFrameFollowedByHangUpIsHarmless() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port()).startup("fuzzer")) {
            client.raw(new byte[] {'Q', 0, 0, 0, 100, 'S', 'E', 'L'});
        }
    }

    @Test
    void sqlErrorsInAPipelineSkipToSync() throws IOException {
        try (RawPgClient client = new RawPgClient(server.port()).startup("fuzzer")) {
            client.send('P', "\0SELECT * FROM nowhere\0\0\0".getBytes(StandardCharsets.UTF_8));
            client.send('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            client.send('E', new byte[] {0, 0, 0, 0, 0});
            client.send('S', new byte[0]);
            assertEquals('1', client.read().type()); // ParseComplete
            assertEquals('2', client.read().type()); // BindComplete
            RawPgClient.Message error = client.read();
            assertEquals('E', error.type());
            assertTrue(error.text().contains("42P01"), error.text());
            assertEquals('Z', client.read().type()); // Execute was skipped; Sync answered
            client.query("SELECT 1");
            assertEquals('T', client.read().type());
        }
    }

    private static void assertProtocolErrorThenClose(RawPgClient client) throws IOException {
        RawPgClient.Message error = client.read();
        assertEquals('E', error.type());
        assertTrue(error.text().contains("08P01") && error.text().contains("FATAL"), error.text());
        try {
            client.read();
            throw new AssertionError("the connection stayed open after a protocol error");
        } catch (EOFException | SocketException expected) {
            // closed, as it should be
        }
    }
}
