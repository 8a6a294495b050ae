package io.queryflux.protocol.mysql.codec;

/**
 * OK: a command succeeded. With {@code eofHeader} it is the 0xFE-headed OK that ends a result
 * set when the client negotiated DEPRECATE_EOF.
 */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings, String info) {
    public static OkPacket of(int status) {
        return new OkPacket(0, 0, status, 0, "");
    }

    public PayloadWriter encode(PayloadWriter w, boolean eofHeader) {
        w.int1(eofHeader ? 0xfe : 0x00).lenencInt(affectedRows).lenencInt(lastInsertId).int2(status).int2(warnings);
        if (!info.isEmpty()) {
            w.string(info);
        }
        return w;
    }
}
