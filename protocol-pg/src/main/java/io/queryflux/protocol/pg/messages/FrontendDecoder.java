package io.queryflux.protocol.pg.messages;

import io.queryflux.protocol.pg.messages.FrontendMessage.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes message bodies; pure functions over bytes, so they are testable without a socket. */
public final class FrontendDecoder {
    private FrontendDecoder() {}

    /**
     * The largest body a message of this type may have, or -1 if the type is unknown. Messages
     * that carry SQL or values may be as large as the configured limit; the others are tiny.
     */
    public static int maxLength(byte type, int maxMessageSize) {
        return switch (type) {
            case 'Q', 'P', 'B', 'd' -> maxMessageSize;
            case 'D', 'C' -> 1024 * 64;
            case 'E' -> 1024 * 64 + 4;
            case 'p' -> 1024 * 16;
            case 'f' -> 1024 * 64;
            case 'F' -> maxMessageSize;
            case 'H', 'S', 'X', 'c' -> 0;
            default -> -1;
        };
    }

    public static FrontendMessage decode(byte type, byte[] body) throws PgProtocolException {
        Payload in = new Payload(body);
        FrontendMessage message = switch (type) {
            case 'Q' -> new FrontendMessage.Query(in.cstring());
            case 'P' -> parse(in);
            case 'B' -> bind(in);
            case 'D' -> new FrontendMessage.Describe(target(in.int8()), in.cstring());
            case 'E' -> new FrontendMessage.Execute(in.cstring(), in.int32());
            case 'C' -> new FrontendMessage.Close(target(in.int8()), in.cstring());
            case 'p' -> new FrontendMessage.PasswordData(in.rest());
            case 'H' -> new FrontendMessage.Flush();
            case 'S' -> new FrontendMessage.Sync();
            case 'X' -> new FrontendMessage.Terminate();
            case 'd', 'c', 'f' -> new FrontendMessage.CopyTraffic((char) type, in.rest());
            case 'F' -> {
                in.rest();
                yield new FrontendMessage.FunctionCall();
            }
            default -> throw new PgProtocolException("invalid frontend message type " + describe(type));
        };
        in.end();
        return message;
    }

    static String describe(byte type) {
        return type >= 32 && type < 127 ? "'" + (char) type + "'" : Integer.toString(type & 0xff);
    }

    private static FrontendMessage.Parse parse(Payload in) throws PgProtocolException {
        String name = in.cstring();
        String sql = in.cstring();
        int count = in.count(4);
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(in.int32());
        }
        return new FrontendMessage.Parse(name, sql, types);
    }

    private static FrontendMessage.Bind bind(Payload in) throws PgProtocolException {
        String portal = in.cstring();
        String statement = in.cstring();
        List<Format> parameterFormats = formats(in);
        int count = in.count(4);
        if (parameterFormats.size() > 1 && parameterFormats.size() != count) {
            throw new PgProtocolException("bind message has " + parameterFormats.size()
                    + " parameter formats but " + count + " parameters");
        }
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.int32();
            values.add(length == -1 ? null : in.bytes(length));
        }
        return new FrontendMessage.Bind(portal, statement, parameterFormats, values, formats(in));
    }

    private static List<Format> formats(Payload in) throws PgProtocolException {
        int count = in.count(2);
        List<Format> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            formats.add(Format.fromCode(in.int16()));
        }
        return formats;
    }

    private static Target target(byte kind) throws PgProtocolException {
        return switch (kind) {
            case 'S' -> Target.STATEMENT;
            case 'P' -> Target.PORTAL;
            default -> throw new PgProtocolException("invalid Describe/Close target " + describe(kind));
        };
    }

    /** Decodes the body (after the length) of the first, type-less packet. */
    public static StartupPacket decodeStartup(byte[] body) throws PgProtocolException {
        Payload in = new Payload(body);
        int code = in.int32();
        StartupPacket packet = switch (code) {
            case StartupPacket.SSL_REQUEST -> new StartupPacket.SslRequest();
            case StartupPacket.GSSENC_REQUEST -> new StartupPacket.GssEncRequest();
            case StartupPacket.CANCEL_REQUEST -> new StartupPacket.CancelRequest(in.int32(), in.int32());
            case StartupPacket.PROTOCOL_3_0 -> startup(in);
            default -> throw new PgProtocolException("unsupported frontend protocol " + (code >>> 16) + "."
                    + (code & 0xffff) + ": server supports 3.0");
        };
        in.end();
        return packet;
    }

    private static StartupPacket.Startup startup(Payload in) throws PgProtocolException {
        Map<String, String> parameters = new HashMap<>();
        while (true) {
            String name = in.cstring();
            if (name.isEmpty()) {
                return new StartupPacket.Startup(parameters);
            }
            parameters.put(name, in.cstring());
        }
    }
}
