package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/** Plugin-specific data during authentication, e.g. caching_sha2's status byte or RSA key. */
public record AuthMoreData(byte[] data) {
    public AuthMoreData {
        requireNonNull(data, "data is null");
    }

    public PayloadWriter encode(PayloadWriter w) {
        return w.int1(0x01).bytes(data);
    }
}
