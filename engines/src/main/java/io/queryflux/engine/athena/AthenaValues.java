package io.queryflux.engine.athena;

import io.queryflux.engine.SqlType;
import io.queryflux.engine.trino.TrinoText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;

/**
 * Parses the strings Athena returns for every value into the Java classes {@link SqlType}
 * fixes. A value that does not parse is an error, never a silent 0 or null.
 */
final class AthenaValues {
    private AthenaValues() {}

    static Function<String, Object> parser(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> AthenaValues::bool;
            case TINYINT -> Byte::valueOf;
            case SMALLINT -> Short::valueOf;
            case INTEGER -> Integer::valueOf;
            case BIGINT -> Long::valueOf;
            case REAL -> Float::valueOf;
            case DOUBLE -> Double::valueOf;
            case DECIMAL -> text -> new BigDecimal(text).setScale(type.scale(), RoundingMode.UNNECESSARY);
            case VARCHAR, CHAR, JSON, UNKNOWN, ARRAY, MAP, ROW -> text -> text;
            case VARBINARY -> AthenaValues::varbinary;
            case DATE -> LocalDate::parse;
            case TIME -> LocalTime::parse;
            case TIME_WITH_TIME_ZONE -> OffsetTime::parse;
            case TIMESTAMP -> TrinoText::timestamp;
            case TIMESTAMP_WITH_TIME_ZONE -> TrinoText::timestampWithTimeZone;
            case INTERVAL_DAY_TO_SECOND -> TrinoText::dayToSecond;
            case INTERVAL_YEAR_TO_MONTH -> TrinoText::yearToMonth;
            case UUID -> UUID::fromString;
        };
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    /** Athena prints binary as hex byte pairs separated by spaces (and line breaks). */
    private static byte[] varbinary(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }
}
