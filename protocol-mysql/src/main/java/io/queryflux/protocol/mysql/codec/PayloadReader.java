package io.queryflux.protocol.mysql.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the protocol's basic types from one payload; every read checks the bounds. */
public final class PayloadReader {
    private final byte[] data;
    private int position;

    public PayloadReader(byte[] data) {
        this.data = data;
    }

    public int remaining() {
        return data.length - position;
    }

    public boolean hasRemaining() {
        return position < data.length;
    }

    public int position() {
        return position;
    }

    private void require(long count, String what) throws MalformedPacketException {
        if (count < 0 || count > remaining()) {
            throw new MalformedPacketException("truncated packet: " + what + " needs " + count + " bytes, "
                    + remaining() + " left");
        }
    }

    public void skip(int count) throws MalformedPacketException {
        require(count, "skip");
        position += count;
    }

    public int int1() throws MalformedPacketException {
        require(1, "int<1>");
        return data[position++] & 0xff;
    }

    public int int2() throws MalformedPacketException {
        return (int) fixed(2);
    }

    public int int3() throws MalformedPacketException {
        return (int) fixed(3);
    }

    public long int4() throws MalformedPacketException {
        return fixed(4);
    }

    public long int8() throws MalformedPacketException {
        return fixed(8);
    }

    private long fixed(int size) throws MalformedPacketException {
        require(size, "int<" + size + ">");
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (data[position++] & 0xff) << (8 * i);
        }
        return value;
    }

    /** A length-encoded integer; -1 for the NULL marker 0xFB. */
    public long lenencInt() throws MalformedPacketException {
        int first = int1();
        return switch (first) {
            case 0xfb -> -1;
            case 0xfc -> fixed(2);
            case 0xfd -> fixed(3);
            case 0xfe -> fixed(8);
            case 0xff -> throw new MalformedPacketException("0xFF is not a length-encoded integer");
            default -> first;
        };
    }

    public byte[] bytes(int count) throws MalformedPacketException {
        require(count, "string<" + count + ">");
        byte[] result = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return result;
    }

    public byte[] lenencBytes() throws MalformedPacketException {
        long length = lenencInt();
        if (length < 0) {
            throw new MalformedPacketException("unexpected NULL in length-encoded string");
        }
        require(length, "string<lenenc>");
        return bytes((int) length);
    }

    public String lenencString() throws MalformedPacketException {
        return new String(lenencBytes(), StandardCharsets.UTF_8);
    }

    /** A NUL-terminated string; a missing terminator is malformed. */
    public String nulString() throws MalformedPacketException {
        for (int end = position; end < data.length; end++) {
            if (data[end] == 0) {
                String result = new String(data, position, end - position, StandardCharsets.UTF_8);
                position = end + 1;
                return result;
            }
        }
        throw new MalformedPacketException("truncated packet: string without NUL terminator");
    }

    /** The rest of the payload. */
    public byte[] restBytes() {
        byte[] result = Arrays.copyOfRange(data, position, data.length);
        position = data.length;
        return result;
    }

    public String restString() {
        return new String(restBytes(), StandardCharsets.UTF_8);
    }
}
