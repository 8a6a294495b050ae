package io.queryflux.protocol.mysql.codec;

/** The EOF packet of clients without DEPRECATE_EOF: ends column definitions and rows. */
public record EofPacket(int warnings, int status) {
    public PayloadWriter encode(PayloadWriter w) {
        return w.int1(0xfe).int2(warnings).int2(status);
    }
}
