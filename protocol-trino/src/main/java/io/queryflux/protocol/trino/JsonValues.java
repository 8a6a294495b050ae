package io.queryflux.protocol.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.engine.SqlType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Encodes result values as Trino's server encodes them in the JSON {@code data} array, which
 * is what Trino clients decode: integers and booleans as JSON literals, real and double as
 * numbers (NaN and infinities as strings), decimals as strings with the column's scale,
 * temporal values as strings with the column's precision, varbinary as base64, arrays and rows
 * as arrays, maps as objects keyed by the key's text.
 */
final class JsonValues {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private JsonValues() {}

    static void write(JsonGenerator json, Object value, SqlType type) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> json.writeNumber(((Number) value).longValue());
            case REAL -> writeReal(json, ((Number) value).floatValue());
            case DOUBLE -> writeDouble(json, ((Number) value).doubleValue());
            case ARRAY -> {
                SqlType element = type.elementType();
                json.writeStartArray();
                for (Object item : (List<?>) value) {
                    write(json, item, element);
                }
                json.writeEndArray();
            }
            case MAP -> {
                SqlType keyType = type.keyType();
                SqlType valueType = type.valueType();
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(text(entry.getKey(), keyType));
                    write(json, entry.getValue(), valueType);
                }
                json.writeEndObject();
            }
            case ROW -> {
                List<?> values = (List<?>) value;
                List<SqlType.Field> fields = type.fields();
                json.writeStartArray();
                for (int i = 0; i < fields.size(); i++) {
                    write(json, values.get(i), fields.get(i).type());
                }
                json.writeEndArray();
            }
            case UNKNOWN -> json.writeNull();
            default -> json.writeString(text(value, type));
        }
    }

    private static void writeReal(JsonGenerator json, float value) throws IOException {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Float.toString(value));
        }
    }

    private static void writeDouble(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }

    /** A scalar value as Trino prints it: the JSON string of string-encoded types, a map key's text. */
    static String text(Object value, SqlType type) {
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) value).setScale(type.scale(), RoundingMode.HALF_UP).toPlainString();
            case CHAR -> padded((String) value, type.precision());
            case VARBINARY -> BASE64.encodeToString((byte[]) value);
            case DATE -> DATE.format((LocalDate) value);
            case TIME -> time((LocalTime) value, type.precision());
            case TIME_WITH_TIME_ZONE -> {
                OffsetTime time = (OffsetTime) value;
                yield time(time.toLocalTime(), type.precision()) + offset(time.getOffset());
            }
            case TIMESTAMP -> timestamp((LocalDateTime) value, type.precision());
            case TIMESTAMP_WITH_TIME_ZONE -> timestampWithTimeZone(value, type.precision());
            case INTERVAL_DAY_TO_SECOND -> dayToSecond((Duration) value);
            case INTERVAL_YEAR_TO_MONTH -> yearToMonth((Period) value);
            case REAL, DOUBLE, TINYINT, SMALLINT, INTEGER, BIGINT, BOOLEAN -> String.valueOf(value);
            default -> value.toString(); // varchar, json, uuid
        };
    }

    private static String padded(String value, int length) {
        if (length == SqlType.UNBOUNDED || value.length() >= length) {
            return value;
        }
        return value + " ".repeat(length - value.length());
    }

    private static String timestamp(LocalDateTime value, int precision) {
        return DATE.format(value.toLocalDate()) + " " + time(value.toLocalTime(), precision);
    }

    private static String timestampWithTimeZone(Object value, int precision) {
        if (value instanceof ZonedDateTime zoned) {
            String zone = zoned.getZone() instanceof ZoneOffset offset ? offset(offset) : zoned.getZone().getId();
            return timestamp(zoned.toLocalDateTime(), precision) + " " + zone;
        }
        OffsetDateTime offsetTime = (OffsetDateTime) value;
        return timestamp(offsetTime.toLocalDateTime(), precision) + " " + offset(offsetTime.getOffset());
    }

    /** Trino names the zero offset UTC and others as +HH:MM. */
    private static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : offset.getId();
    }

    private static String time(LocalTime value, int precision) {
        StringBuilder text = new StringBuilder(18);
        two(text, value.getHour()).append(':');
        two(text, value.getMinute()).append(':');
        two(text, value.getSecond());
        if (precision > 0) {
            // Nanoseconds hold 9 digits; precisions beyond (Trino allows 12) are zero-filled.
            String nanos = String.format("%09d", value.getNano());
            text.append('.').append(nanos, 0, Math.min(precision, 9));
            text.append("0".repeat(Math.max(0, precision - 9)));
        }
        return text.toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    private static String dayToSecond(Duration value) {
        String sign = value.isNegative() ? "-" : "";
        Duration magnitude = value.abs();
        long millis = magnitude.toMillis();
        return String.format("%s%d %02d:%02d:%02d.%03d", sign, millis / 86_400_000, millis / 3_600_000 % 24,
                millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }

    private static String yearToMonth(Period value) {
        long months = value.toTotalMonths();
        String sign = months < 0 ? "-" : "";
        months = Math.abs(months);
        return sign + months / 12 + "-" + months % 12;
    }
}
