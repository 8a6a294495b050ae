package io.queryflux.protocol.pg.auth;

/** The client did not prove who it is; reported as FATAL 28P01 (or 28000) before closing. */
public final class AuthenticationFailedException extends Exception {
    private final String sqlState;

    public AuthenticationFailedException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
