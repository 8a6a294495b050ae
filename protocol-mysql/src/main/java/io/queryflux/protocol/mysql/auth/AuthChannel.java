package io.queryflux.protocol.mysql.auth;

import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import java.io.IOException;

/** The connection as the authentication exchange sees it: packets in sequence, and TLS or not. */
public interface AuthChannel {
    void send(PayloadWriter payload) throws IOException;

    /** The next packet's payload from the client. */
    byte[] receive() throws IOException, MalformedPacketException;

    boolean secure();
}
