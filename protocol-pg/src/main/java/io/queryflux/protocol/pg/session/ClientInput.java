package io.queryflux.protocol.pg.session;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * The client's socket input, buffered, and able to say whether a message is already in the
 * buffer: an extended-protocol client sends Parse, Bind, Describe, Execute and Sync in one
 * packet, and only the first of them needs a look at the socket ({@code available()} is a
 * system call).
 */
final class ClientInput extends BufferedInputStream {
    ClientInput(InputStream in, int size) {
        super(in, size);
    }

    /** Whether bytes already read from the socket are waiting in the buffer. */
    boolean hasBuffered() {
        return pos < count; // asked by the connection thread, the only reader then
    }

    /**
     * Whether the messages already in the buffer reach a Sync after at most {@code executes}
     * Execute messages: the client's pipeline up to its Sync then holds no more statements than
     * that. False when the buffer ends first (more may be on the way).
     */
    boolean syncFollowsWithin(int executes) {
        int at = pos;
        int seen = 0;
        while (at + 5 <= count) {
            byte type = buf[at];
            if (type == 'S') {
                return true;
            }
            if (type == 'E' && ++seen > executes) {
                return false;
            }
            int length = ((buf[at + 1] & 0xff) << 24) | ((buf[at + 2] & 0xff) << 16) | ((buf[at + 3] & 0xff) << 8)
                    | (buf[at + 4] & 0xff);
            if (length < 4) {
                return false; // malformed: the reader will say so
            }
            at += 1 + length;
        }
        return false;
    }
}
