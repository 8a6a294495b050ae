package io.queryflux.protocol.flight;

import io.queryflux.engine.QueryException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Maps the proxy's coded errors to Flight status codes. The SQLSTATE and the error name travel
 * in trailers ({@code x-queryflux-sqlstate}, {@code x-queryflux-error}) and in the message, so
 * clients that only show the message still see them.
 */
public final class FlightErrors {
    public static final String SQLSTATE_TRAILER = "x-queryflux-sqlstate";
    public static final String ERROR_NAME_TRAILER = "x-queryflux-error";

    private FlightErrors() {}

    public static FlightRuntimeException toFlight(QueryException e) {
        ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert(SQLSTATE_TRAILER, e.sqlState());
        metadata.insert(ERROR_NAME_TRAILER, e.code().trinoName());
        return new CallStatus(statusOf(e), e, e.code().trinoName() + " (" + e.sqlState() + "): " + e.getMessage(),
                metadata).toRuntimeException();
    }

    static FlightStatusCode statusOf(QueryException e) {
        return switch (e.code()) {
            case SYNTAX_ERROR, GENERIC_USER_ERROR, FUNCTION_NOT_FOUND, INVALID_FUNCTION_ARGUMENT, DIVISION_BY_ZERO,
                    INVALID_CAST_ARGUMENT, INVALID_SESSION_PROPERTY, CONSTRAINT_VIOLATION, NUMERIC_VALUE_OUT_OF_RANGE,
                    COLUMN_NOT_FOUND -> FlightStatusCode.INVALID_ARGUMENT;
            case CATALOG_NOT_FOUND, SCHEMA_NOT_FOUND, TABLE_NOT_FOUND -> FlightStatusCode.NOT_FOUND;
            case ALREADY_EXISTS -> FlightStatusCode.ALREADY_EXISTS;
            case USER_CANCELED -> FlightStatusCode.CANCELLED;
            case PERMISSION_DENIED, QUERY_REJECTED -> FlightStatusCode.UNAUTHORIZED;
            case AUTHENTICATION_FAILED -> FlightStatusCode.UNAUTHENTICATED;
            case NOT_SUPPORTED -> FlightStatusCode.UNIMPLEMENTED;
            case QUERY_QUEUE_FULL -> FlightStatusCode.RESOURCE_EXHAUSTED;
            case EXCEEDED_TIME_LIMIT -> FlightStatusCode.TIMED_OUT;
            case NO_NODES_AVAILABLE -> FlightStatusCode.UNAVAILABLE;
            case GENERIC_INTERNAL_ERROR, EXTERNAL_ERROR -> FlightStatusCode.INTERNAL;
        };
    }

    static FlightRuntimeException invalidArgument(String message) {
        return CallStatus.INVALID_ARGUMENT.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException notFound(String message) {
        return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException internal(String message, Throwable cause) {
        return CallStatus.INTERNAL.withDescription(message).withCause(cause).toRuntimeException();
    }
}
