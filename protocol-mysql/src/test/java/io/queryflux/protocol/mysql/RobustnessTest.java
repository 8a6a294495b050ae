package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.protocol.mysql.auth.MySqlAuthPlugin;
import io.queryflux.protocol.mysql.codec.PacketInput;
import io.queryflux.protocol.mysql.codec.PacketOutput;
import io.queryflux.protocol.mysql.codec.PayloadReader;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed, truncated and oversized packets over a raw socket close only that connection;
 * the server and other sessions keep working. Packets over 16 MB are split and reassembled
 * both ways; a client that disconnects mid-result frees its group slot.
 */
class RobustnessTest {
    private static final int MAX_PACKET = 40 * 1024 * 1024;
    private static TestServer server;
    private static Connection healthy;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start(MySqlFrontendConfig.onPort(0).withMaxPacketBytes(MAX_PACKET)
                .withDefaultAuthPlugin(MySqlAuthPlugin.MYSQL_NATIVE_PASSWORD), TestServer.users());
        healthy = server.mysql("");
    }

    @AfterAll
    static void stop() throws SQLException {
        healthy.close();
        server.close();
    }

    private static void assertHealthy() throws SQLException {
        try (Statement s = healthy.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    /** Reads the greeting and returns the socket's streams. */
    private static Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        new PacketInput(socket.getInputStream(), 1 << 20).read();
        return socket;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void garbageHandshakeGetsAnErrorAndClose() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {5, 0, 0, 1, 1, 2, 3, 4, 5});
            out.flush();
            byte[] reply = readAll(socket.getInputStream());
            assertEquals((byte) 0xff, reply[4], "an ERR packet before the close");
        }
        assertHealthy();
    }

    @Test
    void truncatedPacketClosesOnlyThatConnection() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) 0xff, 0, 0, 1, 1, 2, 3});
            out.flush();
            socket.shutdownOutput();
            assertEquals(0, readAll(socket.getInputStream()).length);
        }
        assertHealthy();
    }

    @Test
    void oversizedPacketIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            PacketOutput packets = new PacketOutput(out);
            packets.sequence(1);
            byte[] huge = new byte[MAX_PACKET + 1];
            Arrays.fill(huge, (byte) 'x');
            try {
                packets.write(huge);
                packets.flush();
            } catch (IOException expected) {
                // the server closed the connection after refusing the packet
            }
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            byte[] payload = new byte[(header[0] & 0xff) | (header[1] & 0xff) << 8];
            in.readFully(payload);
            PayloadReader err = new PayloadReader(payload);
            assertEquals(0xff, err.int1());
            assertEquals(1153, err.int2());
        }
        assertHealthy();
    }

    @Test
    void unknownCommandAfterLoginKeepsTheConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            PacketInput in = new PacketInput(socket.getInputStream(), 1 << 20);
            PacketOutput out = new PacketOutput(socket.getOutputStream());
            in.read();
            out.sequence(1);
            // A handshake response without a password for a user that needs one, then garbage commands.
            out.write(new PayloadWriter().int4(0x000fa685 & ~0x8).int4(1 << 24).int1(45).zeros(23)
                    .nulString("alice").int1(0).nulString("mysql_native_password"));
            out.flush();
            PayloadReader reply = in.read().reader();
            assertEquals(0xff, reply.int1());
            assertEquals(1045, reply.int2());
        }
        assertHealthy();
    }

    @Test
    void packetsOverSixteenMegabytesRoundTrip() throws SQLException {
        String big = "y".repeat(17 * 1024 * 1024);
        try (Connection c = server.mysql("maxAllowedPacket=" + MAX_PACKET);
                PreparedStatement ps = c.prepareStatement("SELECT length(?) AS n, ? AS s")) {
            ps.setString(1, big);
            ps.setString(2, big);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(big.length(), rs.getInt("n"));
                assertEquals(big, rs.getString("s"));
            }
        }
        assertHealthy();
    }

    @Test
    void disconnectMidResultFreesTheSlot() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            PacketInput in = new PacketInput(socket.getInputStream(), 1 << 24);
            PacketOutput out = new PacketOutput(socket.getOutputStream());
            byte[] greeting = in.read().payload();
            PayloadReader g = new PayloadReader(greeting);
            g.int1();
            g.nulString();
            g.int4();
            byte[] scramble = new byte[20];
            System.arraycopy(g.bytes(8), 0, scramble, 0, 8);
            g.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
            System.arraycopy(g.bytes(12), 0, scramble, 8, 12);
            out.sequence(1);
            out.write(new PayloadWriter().int4(0x000fa685 & ~0x8).int4(1 << 24).int1(45).zeros(23)
                    .nulString("alice").int1(20).bytes(nativeScramble(TestServer.PASSWORD, scramble))
                    .nulString("mysql_native_password"));
            out.flush();
            assertEquals(0, in.read().reader().int1(), "OK after login");
            out.sequence(0);
            out.write(new PayloadWriter().int1(3).string("SELECT i, repeat('z', 200) FROM range(100000000) t(i)"));
            out.flush();
            in.read(); // column count: the query is running and streaming
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.duckDb.group().runningQueries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.duckDb.group().runningQueries());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.duckDb.group().runningQueries() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertHealthy();
    }

    private static byte[] nativeScramble(String password, byte[] nonce) throws Exception {
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(nonce);
        byte[] mix = sha1.digest(stage2);
        byte[] result = new byte[20];
        for (int i = 0; i < 20; i++) {
            result[i] = (byte) (stage1[i] ^ mix[i]);
        }
        return result;
    }
}
