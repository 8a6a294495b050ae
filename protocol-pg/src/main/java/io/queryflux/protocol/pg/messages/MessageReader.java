package io.queryflux.protocol.pg.messages;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads length-prefixed frames from a client, enforcing a maximum length per message type. */
public final class MessageReader {
    /** PostgreSQL's own limit for the startup packet. */
    public static final int MAX_STARTUP_LENGTH = 10_000;

    private final DataInputStream in;
    private final int maxMessageSize;

    public MessageReader(InputStream in, int maxMessageSize) {
        this.in = new DataInputStream(in);
        this.maxMessageSize = maxMessageSize;
    }

    public StartupPacket readStartup() throws IOException, PgProtocolException {
        int length = in.readInt();
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            throw new PgProtocolException("invalid length of startup packet: " + length);
        }
        return FrontendDecoder.decodeStartup(body(length - 4));
    }

    /** The next message, or throws {@link EOFException} when the client closed cleanly between messages. */
    public FrontendMessage read() throws IOException, PgProtocolException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("client closed the connection");
        }
        int length = in.readInt();
        int max = FrontendDecoder.maxLength((byte) type, maxMessageSize);
        if (max < 0) {
            throw new PgProtocolException("invalid frontend message type " + FrontendDecoder.describe((byte) type));
        }
        if (length < 4 || length - 4 > max) {
            throw new PgProtocolException("invalid message length " + length + " for message type "
                    + FrontendDecoder.describe((byte) type) + " (at most " + (max + 4) + ")");
        }
        return FrontendDecoder.decode((byte) type, body(length - 4));
    }

    private byte[] body(int length) throws IOException {
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }
}
