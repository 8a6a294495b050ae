package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A failure a frontend reports to its client. It carries a coded {@link ErrorCode}, and the
 * engine's own SQLSTATE when the engine gave a more precise one.
 */
public class QueryException extends Exception {
    private final ErrorCode code;
    private final Optional<String> engineSqlState;

    public QueryException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public QueryException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    public QueryException(ErrorCode code, String message, String engineSqlState, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.engineSqlState = Optional.ofNullable(engineSqlState).filter(s -> s.length() == 5);
    }

    public ErrorCode code() {
        return code;
    }

    /** The engine's SQLSTATE if it gave one, else the code's. */
    public String sqlState() {
        return engineSqlState.orElse(code.sqlState());
    }
}
