package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.trino.TrinoHttpConfig;

/** The Trino HTTP frontend's port and protocol settings. */
public record TrinoHttpListener(int port, TrinoHttpConfig settings) {
    public TrinoHttpListener {
        requireNonNull(settings, "settings is null");
    }
}
