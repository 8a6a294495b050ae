package io.queryflux.engine.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.queryflux.engine.PgWireRows.Message;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.net.BriefSpin;

/**
 * One connection to PostgreSQL that speaks protocol 3.0 itself: start-up, authentication
 * (trust, cleartext, md5, SCRAM-SHA-256), simple queries, parameterless extended-protocol
 * queries (for result formats) and CancelRequest. Used where the
 * proxy forwards PostgreSQL's messages to a PostgreSQL client, so nothing is decoded. Not
 * thread-safe: one query at a time; {@link #cancel()} may come from any thread.
 */
final class PgWireConnection implements Closeable {
    private static final int PROTOCOL_3_0 = 196608;
    private static final int CANCEL_REQUEST_CODE = 80877102;
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int MAX_MESSAGE = 1 << 30;
    /** A point query's answer usually comes within this; see BriefSpin. */
    private static final BriefSpin ANSWER_SPIN = new BriefSpin(Long.getLong("queryflux.postgres.spinNanos", 200_000));

    private final PostgresSettings settings;
    private final Socket socket;
    /** The TCP socket under TLS (the same socket without TLS): its FIONREAD counts bytes not yet decrypted. */
    private final Socket tcp;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int processId;
    private int secretKey;
    private volatile boolean broken;
    /** When it last went back to the pool (System.nanoTime); only the pool reads it. */
    private volatile long idleSince = System.nanoTime();

    private PgWireConnection(PostgresSettings settings, Socket socket, Socket tcp) throws IOException {
        this.settings = settings;
        this.socket = socket;
        this.tcp = tcp;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8 * 1024));
    }

    /** Connects, authenticates and waits for the first ReadyForQuery. */
    static PgWireConnection open(PostgresSettings settings) throws IOException, QueryException {
        Socket tcp = connect(settings);
        Socket socket = negotiateTls(tcp, settings);
        PgWireConnection connection = new PgWireConnection(settings, socket, tcp);
        try {
            connection.startUp();
            return connection;
        } catch (IOException | QueryException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Socket connect(PostgresSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), settings.connectTimeoutSecs() * 1000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Asks for TLS as the engine's {@code sslMode} says ({@link PgTls}): used when PostgreSQL
     * offers it, and when it does not, the connection goes on in plain text only if the mode
     * allows that.
     */
    private static Socket negotiateTls(Socket socket, PostgresSettings settings) throws IOException {
        PgTls tls = settings.tls();
        if (!tls.asks()) {
            return socket;
        }
        try {
            DataOutputStream request = new DataOutputStream(socket.getOutputStream());
            request.writeInt(8);
            request.writeInt(SSL_REQUEST_CODE);
            request.flush();
            int answer = socket.getInputStream().read();
            if (answer == 'N' && !tls.required()) {
                return socket;
            }
            if (answer == 'N') {
                throw new IOException("the server does not support SSL, but sslMode is " + tls.modeName());
            }
            if (answer != 'S') {
                throw new IOException("PostgreSQL answered the SSL request with " + answer);
            }
            return tls.handshake(socket, settings.host(), settings.port());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void startUp() throws IOException, QueryException {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        for (String s : List.of("user", settings.username(), "database", settings.database(),
                "application_name", "queryflux", "client_encoding", "UTF8",
                // The text output PgWireRows.FORMAT promises.
                "DateStyle", "ISO, MDY", "TimeZone", "UTC", "IntervalStyle", "postgres")) {
            params.write(s.getBytes(UTF_8));
            params.write(0);
        }
        params.write(0);
        out.writeInt(8 + params.size());
        out.writeInt(PROTOCOL_3_0);
        params.writeTo(out);
        out.flush();
        socket.setSoTimeout(settings.connectTimeoutSecs() * 1000);
        ScramClient scram = null;
        while (true) {
            Message m = read();
            switch (m.type()) {
                case 'R' -> scram = authenticate(m.body(), scram);
                case 'K' -> {
                    processId = readInt(m.body(), 0);
                    secretKey = readInt(m.body(), 4);
                }
                case 'Z' -> {
                    socket.setSoTimeout(0);
                    return;
                }
                case 'E' -> throw errorResponse(m.body());
                default -> {
                    // ParameterStatus and notices: the client gets the proxy's own.
                }
            }
        }
    }

    /** Answers one authentication request; returns the SCRAM exchange in progress, if any. */
    private ScramClient authenticate(byte[] body, ScramClient scram) throws IOException, QueryException {
        int code = readInt(body, 0);
        String password = settings.password();
        switch (code) {
            case 0 -> {
                return null;
            }
            case 3 -> sendPassword(password.getBytes(UTF_8));
            case 5 -> {
                byte[] salt = java.util.Arrays.copyOfRange(body, 4, 8);
                String inner = md5Hex((password + settings.username()).getBytes(UTF_8));
                ByteArrayOutputStream salted = new ByteArrayOutputStream();
                salted.write(inner.getBytes(UTF_8));
                salted.write(salt);
                sendPassword(("md5" + md5Hex(salted.toByteArray())).getBytes(UTF_8));
            }
            case 10 -> {
                ScramClient client = ScramClient.builder().advertisedMechanisms(mechanisms(body))
                        .username(settings.username()).password(password.toCharArray()).build();
                byte[] first = client.clientFirstMessage().toString().getBytes(UTF_8);
                byte[] mechanism = client.getScramMechanism().getName().getBytes(UTF_8);
                out.writeByte('p');
                out.writeInt(4 + mechanism.length + 1 + 4 + first.length);
                out.write(mechanism);
                out.writeByte(0);
                out.writeInt(first.length);
                out.write(first);
                out.flush();
                return client;
            }
            case 11 -> {
                try {
                    requireNonNull(scram, "SASL continue before SASL start").serverFirstMessage(text(body, 4));
                } catch (ScramException e) {
                    throw PostgresFlavor.error("28000", "SCRAM exchange with PostgreSQL failed: " + e.getMessage(), e);
                }
                sendSaslResponse(scram.clientFinalMessage().toString().getBytes(UTF_8));
                return scram;
            }
            case 12 -> {
                try {
                    requireNonNull(scram, "SASL final before SASL start").serverFinalMessage(text(body, 4));
                } catch (ScramException e) {
                    throw PostgresFlavor.error("28000", "PostgreSQL's SCRAM signature did not verify: " + e.getMessage(), e);
                }
                return null;
            }
            default -> throw PostgresFlavor.error("28000", "PostgreSQL asked for authentication method " + code
                    + ", which the proxy's direct connections do not support", null);
        }
        return scram;
    }

    private static List<String> mechanisms(byte[] body) {
        List<String> names = new ArrayList<>();
        int at = 4;
        while (at < body.length && body[at] != 0) {
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            names.add(new String(body, at, end - at, UTF_8));
            at = end + 1;
        }
        return names;
    }

    /** PasswordMessage: the payload as a C string. */
    private void sendPassword(byte[] payload) throws IOException {
        out.writeByte('p');
        out.writeInt(4 + payload.length + 1);
        out.write(payload);
        out.writeByte(0);
        out.flush();
    }

    /** SASLResponse: the same message type, but the data as it is, without a terminator. */
    private void sendSaslResponse(byte[] data) throws IOException {
        out.writeByte('p');
        out.writeInt(4 + data.length);
        out.write(data);
        out.flush();
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** Sends one simple-protocol Query. */
    void sendQuery(String sql) throws IOException {
        sendText('Q', sql);
    }

    /**
     * Writes one simple-protocol Query without sending it: it goes with the next message sent, in
     * one write, so PostgreSQL reads both at once.
     */
    void queueQuery(String sql) throws IOException {
        writeText('Q', sql);
    }

    /** A message whose body is one string, sent at once. */
    private void sendText(char type, String body) throws IOException {
        writeText(type, body);
        out.flush();
    }

    private void writeText(char type, String body) throws IOException {
        byte[] text = body.getBytes(UTF_8);
        out.writeByte(type);
        out.writeInt(4 + text.length + 1);
        out.write(text);
        out.writeByte(0);
    }

    /**
     * Sends {@code sql} in the extended protocol with no parameters: Parse and Bind of the unnamed
     * statement and portal (the rows in {@code resultFormats}), Describe of the portal, Execute of
     * all rows, Sync; one write.
     */
    void sendExtended(String sql, List<Integer> resultFormats) throws IOException {
        parse(sql, List.of());
        out.writeByte('B');
        out.writeInt(4 + 1 + 1 + 2 + 2 + 2 + 2 * resultFormats.size());
        out.writeByte(0); // the unnamed portal
        out.writeByte(0); // of the unnamed statement
        out.writeShort(0); // no parameter formats
        out.writeShort(0); // no parameters
        out.writeShort(resultFormats.size());
        for (int code : resultFormats) {
            out.writeShort(code);
        }
        describeUnnamed('P');
        out.writeByte('E');
        out.writeInt(4 + 1 + 4);
        out.writeByte(0);
        out.writeInt(0); // every row
        sync();
    }

    /** Parse of the unnamed statement with these parameter types, Describe of it, Sync: nothing runs. */
    void sendDescribe(String sql, List<Integer> parameterTypes) throws IOException {
        parse(sql, parameterTypes);
        describeUnnamed('S');
        sync();
    }

    private void parse(String sql, List<Integer> parameterTypes) throws IOException {
        byte[] text = sql.getBytes(UTF_8);
        out.writeByte('P');
        out.writeInt(4 + 1 + text.length + 1 + 2 + 4 * parameterTypes.size());
        out.writeByte(0); // the unnamed statement
        out.write(text);
        out.writeByte(0);
        out.writeShort(parameterTypes.size());
        for (int type : parameterTypes) {
            out.writeInt(type);
        }
    }

    /** Describe of the unnamed statement ('S') or portal ('P'). */
    private void describeUnnamed(char target) throws IOException {
        out.writeByte('D');
        out.writeInt(4 + 1 + 1);
        out.writeByte(target);
        out.writeByte(0);
    }

    private void sync() throws IOException {
        out.writeByte('S');
        out.writeInt(4);
        out.flush();
    }

    /** One CopyData message of COPY FROM STDIN; written through the buffer, flushed when it fills. */
    void sendCopyData(byte[] data) throws IOException {
        out.writeByte('d');
        out.writeInt(4 + data.length);
        out.write(data);
    }

    /** CopyDone, or CopyFail with a reason, ending COPY FROM STDIN. */
    void sendCopyEnd(String failure) throws IOException {
        if (failure != null) {
            sendText('f', failure);
            return;
        }
        out.writeByte('c');
        out.writeInt(4);
        out.flush();
    }

    /** Reads the next backend message, blocking. */
    Message read() throws IOException {
        try {
            ANSWER_SPIN.awaitInput(in);
            byte type = in.readByte();
            int length = in.readInt();
            if (length < 4 || length > MAX_MESSAGE) {
                throw new IOException("PostgreSQL sent a message of length " + length);
            }
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return new Message(type, body);
        } catch (IOException e) {
            broken = true;
            throw e instanceof EOFException ? new IOException("PostgreSQL closed the connection", e) : e;
        }
    }

    /** Asks PostgreSQL, on a separate connection, to cancel what this one runs. */
    void cancel() throws IOException {
        try (Socket cancel = connect(settings); DataOutputStream request = new DataOutputStream(cancel.getOutputStream())) {
            request.writeInt(16);
            request.writeInt(CANCEL_REQUEST_CODE);
            request.writeInt(processId);
            request.writeInt(secretKey);
            request.flush();
            cancel.getInputStream().read(); // PostgreSQL closes the socket once it has the request
        }
    }

    void markBroken() {
        broken = true;
    }

    boolean broken() {
        return broken || socket.isClosed();
    }

    /** Back in the pool at {@code nanos} (System.nanoTime). */
    void markIdle(long nanos) {
        idleSince = nanos;
    }

    /** How long it has been back in the pool, in nanoseconds. */
    long idleFor(long nanos) {
        return nanos - idleSince;
    }

    /**
     * Whether PostgreSQL sent something while the connection idled between statements: the FATAL it
     * sends before it closes one (terminated, shutting down, idle-session timeout). One FIONREAD.
     */
    boolean spokeWhileIdle() {
        try {
            // Under TLS the stream counts only what it decrypted already: the TCP socket's own count too.
            return in.available() > 0 || tcp != socket && tcp.getInputStream().available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            if (!broken()) {
                out.writeByte('X');
                out.writeInt(4);
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        broken = true;
    }

    /** An ErrorResponse as the engine's error: its SQLSTATE (C), message (M) and detail (D). */
    static QueryException errorResponse(byte[] body) {
        String state = null;
        String message = "PostgreSQL reported an error";
        String detail = null;
        int at = 0;
        while (at < body.length && body[at] != 0) {
            byte field = body[at++];
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            String value = new String(body, at, end - at, UTF_8);
            switch (field) {
                case 'C' -> state = value;
                case 'M' -> message = value;
                case 'D' -> detail = value;
                default -> {
                    // severity, position, hint...: the SQLSTATE and message carry what clients act on
                }
            }
            at = end + 1;
        }
        return PostgresFlavor.error(state, detail == null ? message : message + "\n  Detail: " + detail, null);
    }

    static int readInt(byte[] body, int at) {
        return ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8)
                | (body[at + 3] & 0xff);
    }

    static String text(byte[] body, int at) {
        return new String(body, at, body.length - at, UTF_8);
    }
}
