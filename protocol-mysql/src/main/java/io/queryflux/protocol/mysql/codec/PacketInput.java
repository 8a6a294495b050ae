package io.queryflux.protocol.mysql.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads framed packets: a 3-byte length and a sequence id, then the payload. A frame of
 * exactly 0xFFFFFF bytes continues in the next frame; the frames are joined into one payload,
 * refused as soon as the announced total exceeds the limit (before reading it).
 */
public final class PacketInput {
    public static final int MAX_FRAME = 0xffffff;

    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[4];

    public PacketInput(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /**
     * The next packet, or null when the client closed the connection between packets.
     *
     * @throws EOFException when the connection ends inside a packet
     * @throws MalformedPacketException when the packet is larger than allowed
     */
    public Packet read() throws IOException, MalformedPacketException {
        if (!readHeader(true)) {
            return null;
        }
        int length = frameLength();
        int sequence = header[3] & 0xff;
        checkSize(length);
        byte[] payload = readFully(new byte[length], 0, length);
        while (length == MAX_FRAME) {
            readHeader(false);
            length = frameLength();
            sequence = header[3] & 0xff;
            checkSize((long) payload.length + length);
            int offset = payload.length;
            payload = readFully(Arrays.copyOf(payload, offset + length), offset, length);
        }
        return new Packet(sequence, payload);
    }

    private int frameLength() {
        return (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    }

    private void checkSize(long total) throws MalformedPacketException {
        if (total > maxPayload) {
            throw new MalformedPacketException(ErrorNumbers.ER_NET_PACKET_TOO_LARGE,
                    "Got a packet bigger than 'max_allowed_packet' bytes (" + maxPayload + ")");
        }
    }

    private boolean readHeader(boolean eofAllowed) throws IOException {
        int first = in.read();
        if (first < 0) {
            if (eofAllowed) {
                return false;
            }
            throw new EOFException("connection closed inside a packet");
        }
        header[0] = (byte) first;
        readFully(header, 1, 3);
        return true;
    }

    private byte[] readFully(byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(target, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("connection closed inside a packet");
            }
            done += n;
        }
        return target;
    }
}
