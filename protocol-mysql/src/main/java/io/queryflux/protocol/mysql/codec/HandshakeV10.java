package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/**
 * The server's greeting, the first packet of every connection.
 *
 * @param serverVersion the version clients parse (8.0-compatible)
 * @param connectionId the proxy-side connection id, which {@code KILL} takes
 * @param scramble the 20-byte nonce for challenge-response authentication
 * @param capabilities the capability flags the server offers
 * @param collation the server's default collation id
 * @param authPlugin the authentication plugin the client should start with
 */
public record HandshakeV10(
        String serverVersion, long connectionId, byte[] scramble, int capabilities, int collation, String authPlugin) {
    public HandshakeV10 {
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(scramble, "scramble is null");
        requireNonNull(authPlugin, "authPlugin is null");
        if (scramble.length != 20) {
            throw new IllegalArgumentException("scramble must be 20 bytes");
        }
    }

    public PayloadWriter encode(PayloadWriter w) {
        w.int1(10).nulString(serverVersion).int4(connectionId)
                .bytes(scramble, 0, 8).int1(0)
                .int2(capabilities & 0xffff)
                .int1(collation)
                .int2(ServerStatus.DEFAULT)
                .int2(capabilities >>> 16)
                .int1(scramble.length + 1)
                .zeros(10)
                .bytes(scramble, 8, 12).int1(0)
                .nulString(authPlugin);
        return w;
    }
}
