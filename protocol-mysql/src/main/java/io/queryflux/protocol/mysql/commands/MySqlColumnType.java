package io.queryflux.protocol.mysql.commands;

import io.queryflux.engine.SqlType;
import io.queryflux.protocol.mysql.codec.ColumnDefinition;

/**
 * How one result-model type is presented to MySQL clients: column type byte, collation,
 * display length, flags and decimals, as a MySQL 8 server would describe the nearest type.
 * Types MySQL lacks travel as text (interval, time with time zone, uuid) or JSON (array, map,
 * row); timestamp with time zone is sent as a TIMESTAMP in UTC.
 */
public record MySqlColumnType(SqlType sqlType, int type, int collation, long length, int flags, int decimals) {
    public static final int DECIMAL = 0;
    public static final int TINY = 1;
    public static final int SHORT = 2;
    public static final int LONG = 3;
    public static final int FLOAT = 4;
    public static final int DOUBLE = 5;
    public static final int NULL = 6;
    public static final int TIMESTAMP = 7;
    public static final int LONGLONG = 8;
    public static final int INT24 = 9;
    public static final int DATE = 10;
    public static final int TIME = 11;
    public static final int DATETIME = 12;
    public static final int YEAR = 13;
    public static final int VARCHAR = 15;
    public static final int BIT = 16;
    public static final int JSON = 245;
    public static final int NEWDECIMAL = 246;
    public static final int ENUM = 247;
    public static final int SET = 248;
    public static final int TINY_BLOB = 249;
    public static final int MEDIUM_BLOB = 250;
    public static final int LONG_BLOB = 251;
    public static final int BLOB = 252;
    public static final int VAR_STRING = 253;
    public static final int STRING = 254;
    public static final int GEOMETRY = 255;

    public static final int FLAG_BLOB = 16;
    public static final int FLAG_UNSIGNED = 32;
    public static final int FLAG_BINARY = 128;
    public static final int FLAG_NUM = 32768;

    /** utf8mb4_0900_ai_ci, MySQL 8's default. */
    public static final int UTF8MB4 = 255;
    public static final int BINARY_COLLATION = 63;
    /** Digits after the point are "not fixed" (floating point). */
    private static final int NOT_FIXED_DEC = 31;
    private static final int MAX_FRACTION_DIGITS = 6;
    private static final long MAX_TEXT_LENGTH = 0xffffffffL;

    public static MySqlColumnType of(SqlType sqlType) {
        return switch (sqlType.kind()) {
            case BOOLEAN -> numeric(sqlType, TINY, 1, 0);
            case TINYINT -> numeric(sqlType, TINY, 4, 0);
            case SMALLINT -> numeric(sqlType, SHORT, 6, 0);
            case INTEGER -> numeric(sqlType, LONG, 11, 0);
            case BIGINT -> numeric(sqlType, LONGLONG, 20, 0);
            case REAL -> numeric(sqlType, FLOAT, 12, NOT_FIXED_DEC);
            case DOUBLE -> numeric(sqlType, DOUBLE, 22, NOT_FIXED_DEC);
            case DECIMAL -> numeric(sqlType, NEWDECIMAL,
                    sqlType.precision() + (sqlType.scale() > 0 ? 1 : 0) + 1, sqlType.scale());
            case VARCHAR -> text(sqlType, VAR_STRING, sqlType.precision());
            case CHAR -> text(sqlType, STRING, sqlType.precision());
            case UUID -> text(sqlType, STRING, 36);
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, TIME_WITH_TIME_ZONE -> text(sqlType, VAR_STRING, 64);
            case VARBINARY -> new MySqlColumnType(sqlType, BLOB, BINARY_COLLATION, MAX_TEXT_LENGTH,
                    FLAG_BLOB | FLAG_BINARY, 0);
            case JSON, ARRAY, MAP, ROW -> new MySqlColumnType(sqlType, JSON, BINARY_COLLATION, MAX_TEXT_LENGTH,
                    FLAG_BLOB | FLAG_BINARY, 0);
            case DATE -> temporal(sqlType, DATE, 10, 0);
            case TIME -> temporal(sqlType, TIME, 8, sqlType.precision());
            case TIMESTAMP -> temporal(sqlType, DATETIME, 19, sqlType.precision());
            case TIMESTAMP_WITH_TIME_ZONE -> temporal(sqlType, TIMESTAMP, 19, sqlType.precision());
            case UNKNOWN -> new MySqlColumnType(sqlType, NULL, BINARY_COLLATION, 0, FLAG_BINARY, 0);
        };
    }

    private static MySqlColumnType numeric(SqlType sqlType, int type, long length, int decimals) {
        return new MySqlColumnType(sqlType, type, BINARY_COLLATION, length, FLAG_BINARY | FLAG_NUM, decimals);
    }

    private static MySqlColumnType text(SqlType sqlType, int type, int characters) {
        long length = characters == SqlType.UNBOUNDED ? MAX_TEXT_LENGTH : Math.min(MAX_TEXT_LENGTH, 4L * characters);
        return new MySqlColumnType(sqlType, type, UTF8MB4, length, 0, 0);
    }

    private static MySqlColumnType temporal(SqlType sqlType, int type, int baseLength, int precision) {
        int decimals = Math.max(0, Math.min(precision, MAX_FRACTION_DIGITS));
        return new MySqlColumnType(sqlType, type, BINARY_COLLATION, baseLength + (decimals > 0 ? decimals + 1 : 0),
                FLAG_BINARY, decimals);
    }

    public ColumnDefinition definition(String schema, String table, String name) {
        return new ColumnDefinition(schema, table, name, collation, length, type, flags, decimals);
    }
}
