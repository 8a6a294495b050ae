package io.queryflux.engine.athena;

import io.queryflux.engine.SqlType;
import java.util.Locale;
import software.amazon.awssdk.services.athena.model.ColumnInfo;

/**
 * Maps Athena's {@code ResultSetMetadata} column types to the result model. Athena names only
 * the outer type of arrays, maps and rows ({@code array}, not {@code array(integer)}) and
 * prints their values in a form that cannot be parsed back unambiguously
 * ({@code {a=1, b=x, y}}), so those three, and types with no exact Java class (ipaddress,
 * precision above nine digits), become varchar with Athena's text.
 */
final class AthenaTypes {
    /** The length Athena reports for an unbounded varchar. */
    private static final int UNBOUNDED_LENGTH = Integer.MAX_VALUE;
    /** Athena engine v3 timestamps have millisecond precision when metadata says nothing. */
    private static final int DEFAULT_TIME_PRECISION = 3;
    private static final int MAX_JAVA_TIME_PRECISION = 9;

    private AthenaTypes() {}

    static SqlType fromColumn(ColumnInfo column) {
        int precision = column.precision() == null ? 0 : column.precision();
        int scale = column.scale() == null ? 0 : column.scale();
        return switch (column.type().toLowerCase(Locale.ROOT)) {
            case "boolean" -> SqlType.BOOLEAN;
            case "tinyint" -> SqlType.TINYINT;
            case "smallint" -> SqlType.SMALLINT;
            case "integer", "int" -> SqlType.INTEGER;
            case "bigint" -> SqlType.BIGINT;
            case "float", "real" -> SqlType.REAL;
            case "double" -> SqlType.DOUBLE;
            case "decimal" -> SqlType.decimal(precision, scale);
            case "varchar", "string" -> precision <= 0 || precision >= UNBOUNDED_LENGTH ? SqlType.VARCHAR : SqlType.varchar(precision);
            case "char" -> SqlType.chars(precision);
            case "varbinary" -> SqlType.VARBINARY;
            case "date" -> SqlType.DATE;
            case "time" -> temporal(SqlType.time(timePrecision(precision)));
            case "time with time zone" -> temporal(SqlType.timeWithTimeZone(timePrecision(precision)));
            case "timestamp" -> temporal(SqlType.timestamp(timePrecision(precision)));
            case "timestamp with time zone" -> temporal(SqlType.timestampWithTimeZone(timePrecision(precision)));
            case "interval day to second" -> SqlType.INTERVAL_DAY_TO_SECOND;
            case "interval year to month" -> SqlType.INTERVAL_YEAR_TO_MONTH;
            case "json" -> SqlType.JSON;
            case "uuid" -> SqlType.UUID;
            case "unknown" -> SqlType.UNKNOWN;
            default -> SqlType.VARCHAR; // array, map, row, ipaddress, ...: Athena's text
        };
    }

    private static int timePrecision(int precision) {
        return precision <= 0 ? DEFAULT_TIME_PRECISION : precision;
    }

    private static SqlType temporal(SqlType type) {
        return type.precision() > MAX_JAVA_TIME_PRECISION ? SqlType.VARCHAR : type;
    }
}
