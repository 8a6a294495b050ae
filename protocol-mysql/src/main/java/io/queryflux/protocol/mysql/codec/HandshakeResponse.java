package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's HandshakeResponse41, or the short SSLRequest that precedes it when the client
 * upgrades to TLS.
 */
public record HandshakeResponse(
        int capabilities,
        long maxPacketSize,
        int collation,
        boolean sslRequest,
        String user,
        byte[] authResponse,
        Optional<String> database,
        Optional<String> authPlugin,
        Map<String, String> attributes) {
    /** An SSLRequest is exactly the fixed 32-byte prefix of a handshake response. */
    private static final int FIXED_PART = 32;

    public HandshakeResponse {
        requireNonNull(user, "user is null");
        requireNonNull(authResponse, "authResponse is null");
        requireNonNull(database, "database is null");
        requireNonNull(authPlugin, "authPlugin is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
    }

    public static HandshakeResponse decode(byte[] payload) throws MalformedPacketException {
        PayloadReader r = new PayloadReader(payload);
        if (payload.length < FIXED_PART) {
            throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR, "Bad handshake: response too short");
        }
        int capabilities = (int) r.int4();
        if (!Capabilities.has(capabilities, Capabilities.PROTOCOL_41)) {
            throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR,
                    "Bad handshake: clients older than protocol 4.1 are not supported");
        }
        long maxPacket = r.int4();
        int collation = r.int1();
        r.skip(23);
        if (!r.hasRemaining()) {
            if (!Capabilities.has(capabilities, Capabilities.SSL)) {
                throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR, "Bad handshake: no user name");
            }
            return new HandshakeResponse(capabilities, maxPacket, collation, true, "", new byte[0], Optional.empty(),
                    Optional.empty(), Map.of());
        }
        String user = r.nulString();
        byte[] auth;
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = r.lenencBytes();
        } else if (Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)) {
            auth = r.bytes(r.int1());
        } else {
            auth = r.nulString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Optional<String> database = Optional.empty();
        if (Capabilities.has(capabilities, Capabilities.CONNECT_WITH_DB) && r.hasRemaining()) {
            database = Optional.of(r.nulString()).filter(d -> !d.isEmpty());
        }
        Optional<String> plugin = Optional.empty();
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && r.hasRemaining()) {
            plugin = Optional.of(r.nulString());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS) && r.hasRemaining()) {
            long length = r.lenencInt();
            int end = r.position() + (int) length;
            if (length < 0 || length > r.remaining()) {
                throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR, "Bad handshake: attributes truncated");
            }
            while (r.position() < end) {
                attributes.put(r.lenencString(), r.lenencString());
            }
        }
        return new HandshakeResponse(capabilities, maxPacket, collation, false, user, auth, database, plugin,
                attributes);
    }
}
