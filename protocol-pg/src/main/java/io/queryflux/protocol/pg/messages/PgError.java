package io.queryflux.protocol.pg.messages;

import static java.util.Objects.requireNonNull;

/** The fields of an ErrorResponse or NoticeResponse. */
public record PgError(Severity severity, String sqlState, String message) {
    public PgError {
        requireNonNull(severity, "severity is null");
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
    }

    public enum Severity {
        ERROR,
        FATAL,
        NOTICE,
        WARNING
    }

    public static PgError error(String sqlState, String message) {
        return new PgError(Severity.ERROR, sqlState, message);
    }

    public static PgError fatal(String sqlState, String message) {
        return new PgError(Severity.FATAL, sqlState, message);
    }
}
