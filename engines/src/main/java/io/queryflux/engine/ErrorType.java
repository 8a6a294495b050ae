package io.queryflux.engine;

/** Whose fault an error is, as Trino classifies errors. */
public enum ErrorType {
    USER_ERROR,
    INTERNAL_ERROR,
    INSUFFICIENT_RESOURCES,
    EXTERNAL
}
