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
}
