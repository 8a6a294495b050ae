package io.queryflux.server.config;

/** One client protocol listener: whether it runs and on which port (0 picks a free one). */
public record FrontendConfig(boolean enabled, int port) {}
