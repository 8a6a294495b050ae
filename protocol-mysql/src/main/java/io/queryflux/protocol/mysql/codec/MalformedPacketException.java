package io.queryflux.protocol.mysql.codec;

/**
 * A protocol error: the client sent bytes that are not a valid packet for the current state.
 * Unlike a SQL error it ends the connection, after an ERR packet when one can still be sent.
 */
public class MalformedPacketException extends Exception {
    private final int errorNumber;

    public MalformedPacketException(String message) {
        this(ErrorNumbers.ER_MALFORMED_PACKET, message);
    }

    public MalformedPacketException(int errorNumber, String message) {
        super(message);
        this.errorNumber = errorNumber;
    }

    /** The MySQL error number to report before closing. */
    public int errorNumber() {
        return errorNumber;
    }
}
