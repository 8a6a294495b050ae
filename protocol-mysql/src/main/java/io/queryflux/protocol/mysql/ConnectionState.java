package io.queryflux.protocol.mysql;

/** Where a connection is in its life. */
enum ConnectionState {
    /** Greeting sent, waiting for the handshake response (or SSL request). */
    HANDSHAKE,
    /** Checking credentials. */
    AUTHENTICATING,
    /** Authenticated and waiting for a command. */
    IDLE,
    /** Running a command. */
    BUSY,
    CLOSED
}
