package io.queryflux.protocol.mysql.commands;

import static io.queryflux.protocol.mysql.codec.ErrorNumbers.*;

import io.queryflux.engine.QueryException;
import io.queryflux.protocol.mysql.codec.ErrPacket;
import io.queryflux.protocol.mysql.codec.ErrorNumbers;

/** Maps the engine-neutral error codes to the MySQL error numbers clients act on. */
final class ErrorMapping {
    private ErrorMapping() {}

    static ErrPacket toErr(QueryException e) {
        int number = switch (e.code()) {
            case SYNTAX_ERROR -> ER_PARSE_ERROR;
            case TABLE_NOT_FOUND -> ER_NO_SUCH_TABLE;
            case COLUMN_NOT_FOUND -> ER_BAD_FIELD_ERROR;
            case SCHEMA_NOT_FOUND, CATALOG_NOT_FOUND -> ER_BAD_DB_ERROR;
            case USER_CANCELED -> ER_QUERY_INTERRUPTED;
            case PERMISSION_DENIED, QUERY_REJECTED -> ER_SPECIFIC_ACCESS_DENIED_ERROR;
            case AUTHENTICATION_FAILED -> ER_ACCESS_DENIED_ERROR;
            case FUNCTION_NOT_FOUND -> ER_SP_DOES_NOT_EXIST;
            case DIVISION_BY_ZERO -> ER_DIVISION_BY_ZERO;
            case NUMERIC_VALUE_OUT_OF_RANGE -> ER_DATA_OUT_OF_RANGE;
            case INVALID_CAST_ARGUMENT -> ER_TRUNCATED_WRONG_VALUE;
            case INVALID_FUNCTION_ARGUMENT, INVALID_SESSION_PROPERTY -> ER_WRONG_ARGUMENTS;
            case ALREADY_EXISTS -> ER_TABLE_EXISTS_ERROR;
            case NOT_SUPPORTED -> ER_NOT_SUPPORTED_YET;
            case CONSTRAINT_VIOLATION -> ER_DUP_ENTRY;
            case QUERY_QUEUE_FULL -> ER_CON_COUNT_ERROR;
            case EXCEEDED_TIME_LIMIT -> ER_QUERY_TIMEOUT;
            case GENERIC_USER_ERROR, GENERIC_INTERNAL_ERROR, NO_NODES_AVAILABLE, EXTERNAL_ERROR -> ER_UNKNOWN_ERROR;
        };
        String message = e.code() == io.queryflux.engine.ErrorCode.USER_CANCELED
                ? "Query execution was interrupted"
                : e.getMessage();
        String sqlState = number == ER_UNKNOWN_ERROR && e.sqlState().length() == 5
                ? e.sqlState()
                : ErrorNumbers.sqlState(number);
        return new ErrPacket(number, sqlState, message);
    }
}
