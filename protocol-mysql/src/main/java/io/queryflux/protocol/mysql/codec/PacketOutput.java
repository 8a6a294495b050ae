package io.queryflux.protocol.mysql.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes payloads as framed packets, splitting any payload of 0xFFFFFF bytes or more into
 * frames (and ending with an empty frame when the last one is full, as the protocol requires).
 * Writes go to a buffered stream: a slow client blocks the writer once the socket buffer is
 * full, which is the backpressure that slows the result cursor down. Not thread-safe.
 */
public final class PacketOutput {
    private final OutputStream out;
    private final byte[] header = new byte[4];
    private int sequence;

    public PacketOutput(OutputStream out) {
        this.out = out;
    }

    /** The sequence id of the next packet written. */
    public void sequence(int next) {
        sequence = next & 0xff;
    }

    public int sequence() {
        return sequence;
    }

    public void write(PayloadWriter payload) throws IOException {
        write(payload.buffer(), 0, payload.size());
    }

    public void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    public void write(byte[] payload, int offset, int length) throws IOException {
        int remaining = length;
        int position = offset;
        while (true) {
            int frame = Math.min(remaining, PacketInput.MAX_FRAME);
            header[0] = (byte) frame;
            header[1] = (byte) (frame >>> 8);
            header[2] = (byte) (frame >>> 16);
            header[3] = (byte) sequence;
            sequence = (sequence + 1) & 0xff;
            out.write(header);
            out.write(payload, position, frame);
            position += frame;
            remaining -= frame;
            if (frame < PacketInput.MAX_FRAME) {
                return;
            }
        }
    }

    public void flush() throws IOException {
        out.flush();
    }
}
