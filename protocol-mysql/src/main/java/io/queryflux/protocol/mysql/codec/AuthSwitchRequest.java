package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/** Asks the client to authenticate again with another plugin and a fresh challenge. */
public record AuthSwitchRequest(String plugin, byte[] scramble) {
    public AuthSwitchRequest {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(scramble, "scramble is null");
    }

    public PayloadWriter encode(PayloadWriter w) {
        return w.int1(0xfe).nulString(plugin).bytes(scramble).int1(0);
    }
}
