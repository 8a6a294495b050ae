package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/**
 * One logical packet: its payload (reassembled if the client split it) and the sequence id of
 * its last frame, so the reply continues the sequence.
 */
public record Packet(int sequence, byte[] payload) {
    public Packet {
        requireNonNull(payload, "payload is null");
    }

    public PayloadReader reader() {
        return new PayloadReader(payload);
    }

    /** The first payload byte: the command of a command packet, the kind of a response. */
    public int firstByte() throws MalformedPacketException {
        if (payload.length == 0) {
            throw new MalformedPacketException("empty packet");
        }
        return payload[0] & 0xff;
    }
}
