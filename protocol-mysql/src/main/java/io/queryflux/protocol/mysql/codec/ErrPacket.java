package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/** ERR: a command failed, with the MySQL error number, SQLSTATE and message. */
public record ErrPacket(int errorNumber, String sqlState, String message) {
    public ErrPacket {
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
    }

    /** An error with the SQLSTATE MySQL uses for its number. */
    public static ErrPacket of(int errorNumber, String message) {
        return new ErrPacket(errorNumber, ErrorNumbers.sqlState(errorNumber), message);
    }

    public PayloadWriter encode(PayloadWriter w) {
        return w.int1(0xff).int2(errorNumber).int1('#').string(sqlState).string(message);
    }
}
