package io.queryflux.protocol.mysql.catalog;

import java.util.Optional;

/** What the proxy-answered statements read and change in a connection's session. */
public interface SessionState {
    long connectionId();

    String user();

    /** The current database (the session schema). */
    Optional<String> database();

    SystemVariables variables();

    /** Sets a session property forwarded to engines (a {@code SET} of a variable the proxy does not own). */
    void setSessionProperty(String name, String value);
}
