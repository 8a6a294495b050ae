package io.queryflux.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.ErrorType;
import io.queryflux.engine.QueryException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps Trino's error names (also used by Athena) to the proxy's error codes. */
public final class TrinoErrors {
    private static final Map<String, ErrorCode> BY_TRINO_NAME = Arrays.stream(ErrorCode.values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::trinoName, Function.identity(), (a, b) -> a));

    private TrinoErrors() {}

    /** The code whose Trino name this is, e.g. {@code TABLE_NOT_FOUND}. */
    public static Optional<ErrorCode> byName(String trinoErrorName) {
        return Optional.ofNullable(BY_TRINO_NAME.get(trinoErrorName));
    }

    /** By {@code errorName}; a name the proxy has no code for falls back by {@code errorType}. */
    static QueryException toException(JsonNode error) {
        String name = error.path("errorName").asText();
        String message = error.path("message").asText(name);
        ErrorCode code = byName(name).orElseGet(() -> ErrorType.USER_ERROR.name().equals(error.path("errorType").asText())
                ? ErrorCode.GENERIC_USER_ERROR
                : ErrorCode.EXTERNAL_ERROR);
        return new QueryException(code, message);
    }
}
