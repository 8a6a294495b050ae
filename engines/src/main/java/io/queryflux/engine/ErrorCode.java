package io.queryflux.engine;

/**
 * Engine-neutral error codes. Each carries the SQLSTATE and the Trino error name, number and
 * type it corresponds to, so every frontend can map it to its own protocol without a table of
 * its own for the common cases.
 */
public enum ErrorCode {
    GENERIC_USER_ERROR("42000", "GENERIC_USER_ERROR", 0, ErrorType.USER_ERROR),
    SYNTAX_ERROR("42601", "SYNTAX_ERROR", 1, ErrorType.USER_ERROR),
    USER_CANCELED("57014", "USER_CANCELED", 3, ErrorType.USER_ERROR),
    PERMISSION_DENIED("42501", "PERMISSION_DENIED", 4, ErrorType.USER_ERROR),
    FUNCTION_NOT_FOUND("42883", "FUNCTION_NOT_FOUND", 6, ErrorType.USER_ERROR),
    INVALID_FUNCTION_ARGUMENT("22023", "INVALID_FUNCTION_ARGUMENT", 7, ErrorType.USER_ERROR),
    DIVISION_BY_ZERO("22012", "DIVISION_BY_ZERO", 8, ErrorType.USER_ERROR),
    INVALID_CAST_ARGUMENT("22P02", "INVALID_CAST_ARGUMENT", 9, ErrorType.USER_ERROR),
    ALREADY_EXISTS("42P07", "ALREADY_EXISTS", 12, ErrorType.USER_ERROR),
    NOT_SUPPORTED("0A000", "NOT_SUPPORTED", 13, ErrorType.USER_ERROR),
    INVALID_SESSION_PROPERTY("22023", "INVALID_SESSION_PROPERTY", 14, ErrorType.USER_ERROR),
    CONSTRAINT_VIOLATION("23000", "CONSTRAINT_VIOLATION", 16, ErrorType.USER_ERROR),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", "NUMERIC_VALUE_OUT_OF_RANGE", 19, ErrorType.USER_ERROR),
    /** A routing rule denied the query. */
    QUERY_REJECTED("42501", "QUERY_REJECTED", 31, ErrorType.USER_ERROR),
    CATALOG_NOT_FOUND("3D000", "CATALOG_NOT_FOUND", 44, ErrorType.USER_ERROR),
    SCHEMA_NOT_FOUND("3F000", "SCHEMA_NOT_FOUND", 45, ErrorType.USER_ERROR),
    TABLE_NOT_FOUND("42P01", "TABLE_NOT_FOUND", 46, ErrorType.USER_ERROR),
    COLUMN_NOT_FOUND("42703", "COLUMN_NOT_FOUND", 47, ErrorType.USER_ERROR),
    /** The credentials were wrong or missing. */
    AUTHENTICATION_FAILED("28P01", "AUTHENTICATION_FAILED", 4, ErrorType.USER_ERROR),
    GENERIC_INTERNAL_ERROR("XX000", "GENERIC_INTERNAL_ERROR", 65536, ErrorType.INTERNAL_ERROR),
    /** No enabled, healthy cluster could take the query. */
    NO_NODES_AVAILABLE("57P03", "NO_NODES_AVAILABLE", 65541, ErrorType.INTERNAL_ERROR),
    /** The group's proxy-side queue is full. */
    QUERY_QUEUE_FULL("53300", "QUERY_QUEUE_FULL", 131074, ErrorType.INSUFFICIENT_RESOURCES),
    /** The query waited in the group queue longer than the group allows. */
    EXCEEDED_TIME_LIMIT("57014", "EXCEEDED_TIME_LIMIT", 131075, ErrorType.INSUFFICIENT_RESOURCES),
    /** The engine failed for a reason the proxy cannot classify further. */
    EXTERNAL_ERROR("58000", "GENERIC_EXTERNAL", 133001, ErrorType.EXTERNAL);

    private final String sqlState;
    private final String trinoName;
    private final int trinoCode;
    private final ErrorType type;

    ErrorCode(String sqlState, String trinoName, int trinoCode, ErrorType type) {
        this.sqlState = sqlState;
        this.trinoName = trinoName;
        this.trinoCode = trinoCode;
        this.type = type;
    }

    public String sqlState() {
        return sqlState;
    }

    public String trinoName() {
        return trinoName;
    }

    public int trinoCode() {
        return trinoCode;
    }

    public ErrorType type() {
        return type;
    }
}
