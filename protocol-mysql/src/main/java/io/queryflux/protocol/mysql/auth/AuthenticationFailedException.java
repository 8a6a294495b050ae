package io.queryflux.protocol.mysql.auth;

/** Authentication failed; the connection answers ERR 1045 and closes. */
public final class AuthenticationFailedException extends Exception {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
