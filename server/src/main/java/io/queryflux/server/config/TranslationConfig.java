package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.sql.Dialect;
import io.queryflux.sql.TranslationMode;

/** The {@code translation} section. */
public record TranslationConfig(TranslationMode mode, int cacheSize, Dialect flightSqlDialect) {
    public TranslationConfig {
        requireNonNull(mode, "mode is null");
        requireNonNull(flightSqlDialect, "flightSqlDialect is null");
    }
}
