package io.queryflux.protocol.pg.messages;

/**
 * A violation of the wire protocol itself (a malformed, truncated or oversized frame, an
 * unknown message type). Unlike a SQL error, the connection cannot go on after it: the server
 * reports it with a FATAL ErrorResponse and closes only that connection.
 */
public final class PgProtocolException extends Exception {
    public PgProtocolException(String message) {
        super(message);
    }
}
