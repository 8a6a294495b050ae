package io.queryflux.protocol.pg.messages;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** The type-less first packet of a connection, told apart by its protocol code. */
public sealed interface StartupPacket {
    int PROTOCOL_3_0 = 196608;
    int SSL_REQUEST = 80877103;
    int GSSENC_REQUEST = 80877104;
    int CANCEL_REQUEST = 80877102;

    /** Protocol 3.0 StartupMessage with its parameters (user, database, options, ...). */
    record Startup(Map<String, String> parameters) implements StartupPacket {
        public Startup {
            parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
        }
    }

    record SslRequest() implements StartupPacket {}

    record GssEncRequest() implements StartupPacket {}

    /** Sent on a new connection to cancel the query of the backend with this id and secret. */
    record CancelRequest(int processId, int secretKey) implements StartupPacket {}
}
