package io.queryflux.protocol.pg.messages;

import java.nio.charset.StandardCharsets;

/** Reads the fields of one message body, failing with a protocol error when it runs short. */
final class Payload {
    private final byte[] data;
    private int pos;

    Payload(byte[] data) {
        this.data = data;
    }

    int int16() throws PgProtocolException {
        need(2);
        int value = (short) (((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff));
        pos += 2;
        return value;
    }

    int int32() throws PgProtocolException {
        need(4);
        int value = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                | (data[pos + 3] & 0xff);
        pos += 4;
        return value;
    }

    byte int8() throws PgProtocolException {
        need(1);
        return data[pos++];
    }

    String cstring() throws PgProtocolException {
        int end = pos;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            throw new PgProtocolException("string not terminated");
        }
        String value = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return value;
    }

    byte[] bytes(int length) throws PgProtocolException {
        if (length < 0) {
            throw new PgProtocolException("negative length " + length);
        }
        need(length);
        byte[] value = java.util.Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return value;
    }

    byte[] rest() {
        byte[] value = java.util.Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return value;
    }

    /** A count field: non-negative and not more than the bytes left could hold. */
    int count(int minBytesEach) throws PgProtocolException {
        int count = int16() & 0xffff;
        if ((long) count * minBytesEach > remaining()) {
            throw new PgProtocolException("count " + count + " exceeds the message length");
        }
        return count;
    }

    int remaining() {
        return data.length - pos;
    }

    void end() throws PgProtocolException {
        if (pos != data.length) {
            throw new PgProtocolException((data.length - pos) + " unexpected bytes at the end of the message");
        }
    }

    private void need(int n) throws PgProtocolException {
        if (data.length - pos < n) {
            throw new PgProtocolException("message truncated");
        }
    }
}
