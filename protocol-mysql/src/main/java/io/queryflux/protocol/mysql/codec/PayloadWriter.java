package io.queryflux.protocol.mysql.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds one payload in a growable buffer that can be reused for the next packet. */
public final class PayloadWriter {
    private byte[] buffer;
    private int size;

    public PayloadWriter() {
        this(256);
    }

    public PayloadWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    /** Empties the buffer for the next payload, keeping its capacity. */
    public PayloadWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] buffer() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public PayloadWriter int1(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public PayloadWriter int2(int value) {
        return fixed(value, 2);
    }

    public PayloadWriter int3(int value) {
        return fixed(value, 3);
    }

    public PayloadWriter int4(long value) {
        return fixed(value, 4);
    }

    public PayloadWriter int8(long value) {
        return fixed(value, 8);
    }

    private PayloadWriter fixed(long value, int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** A length-encoded integer; {@code value} is treated as unsigned. */
    public PayloadWriter lenencInt(long value) {
        if (value >= 0 && value < 0xfb) {
            return int1((int) value);
        }
        if (value >= 0 && value < (1 << 16)) {
            return int1(0xfc).int2((int) value);
        }
        if (value >= 0 && value < (1 << 24)) {
            return int1(0xfd).int3((int) value);
        }
        return int1(0xfe).int8(value);
    }

    public PayloadWriter nullMarker() {
        return int1(0xfb);
    }

    public PayloadWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    public PayloadWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        return this;
    }

    public PayloadWriter zeros(int count) {
        ensure(count);
        Arrays.fill(buffer, size, size + count, (byte) 0);
        size += count;
        return this;
    }

    public PayloadWriter lenencBytes(byte[] value) {
        return lenencInt(value.length).bytes(value);
    }

    public PayloadWriter lenencString(String value) {
        return lenencBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** An ASCII-only string without a length, e.g. a digit string; avoids an encoder per value. */
    public PayloadWriter lenencAscii(String value) {
        int length = value.length();
        lenencInt(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    public PayloadWriter nulString(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8)).int1(0);
    }

    public PayloadWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }
}
