package io.queryflux.protocol.mysql.commands;

import io.queryflux.engine.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Formats result-model values as MySQL prints them, for the text protocol and text-typed columns. */
final class ValueFormatter {
    private ValueFormatter() {}

    static String format(Object value, MySqlColumnType column) {
        SqlType type = column.sqlType();
        return switch (type.kind()) {
            case BOOLEAN -> ((Boolean) value) ? "1" : "0";
            case REAL -> floating(((Number) value).floatValue(), Float.toString(((Number) value).floatValue()));
            case DOUBLE -> floating(((Number) value).doubleValue(), Double.toString(((Number) value).doubleValue()));
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> date((LocalDate) value);
            case TIME -> time((LocalTime) value, column.decimals());
            case TIMESTAMP -> dateTime((LocalDateTime) value, column.decimals());
            case TIMESTAMP_WITH_TIME_ZONE -> dateTime(utc(value), column.decimals());
            case JSON -> value.toString();
            case ARRAY, MAP, ROW -> json(value, type);
            default -> value.toString();
        };
    }

    /** MySQL prints 1 rather than 1.0 and 1e20 rather than 1.0E20. */
    private static String floating(double value, String javaText) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return javaText;
        }
        String text = javaText.replace(".0E", "E").replace("E", "e");
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static LocalDateTime utc(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return ((ZonedDateTime) value).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    static String date(LocalDate date) {
        StringBuilder sb = new StringBuilder(10);
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        return pad(sb, date.getDayOfMonth(), 2).toString();
    }

    static String time(LocalTime time, int decimals) {
        StringBuilder sb = new StringBuilder(15);
        appendTime(sb, time, decimals);
        return sb.toString();
    }

    static String dateTime(LocalDateTime dateTime, int decimals) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(date(dateTime.toLocalDate())).append(' ');
        appendTime(sb, dateTime.toLocalTime(), decimals);
        return sb.toString();
    }

    private static void appendTime(StringBuilder sb, LocalTime time, int decimals) {
        pad(sb, time.getHour(), 2).append(':');
        pad(sb, time.getMinute(), 2).append(':');
        pad(sb, time.getSecond(), 2);
        if (decimals > 0) {
            String micros = String.format("%06d", time.getNano() / 1000);
            sb.append('.').append(micros, 0, decimals);
        }
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /** Arrays become JSON arrays, maps and named rows JSON objects. */
    static String json(Object value, SqlType type) {
        StringBuilder sb = new StringBuilder();
        appendJson(sb, value, type);
        return sb.toString();
    }

    private static void appendJson(StringBuilder sb, Object value, SqlType type) {
        if (value == null) {
            sb.append("null");
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> sb.append(value);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> sb.append(value);
            case REAL, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    jsonString(sb, Double.toString(d));
                } else {
                    sb.append(value);
                }
            }
            case DECIMAL -> sb.append(((BigDecimal) value).toPlainString());
            case JSON -> sb.append(value);
            case ARRAY -> {
                sb.append('[');
                Iterator<?> it = ((List<?>) value).iterator();
                while (it.hasNext()) {
                    appendJson(sb, it.next(), type.elementType());
                    if (it.hasNext()) {
                        sb.append(", ");
                    }
                }
                sb.append(']');
            }
            case MAP -> {
                sb.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> entry = it.next();
                    jsonString(sb, scalarText(entry.getKey(), type.keyType()));
                    sb.append(": ");
                    appendJson(sb, entry.getValue(), type.valueType());
                    if (it.hasNext()) {
                        sb.append(", ");
                    }
                }
                sb.append('}');
            }
            case ROW -> {
                List<?> values = (List<?>) value;
                List<SqlType.Field> fields = type.fields();
                boolean named = fields.stream().allMatch(f -> f.name().isPresent());
                sb.append(named ? '{' : '[');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    if (named) {
                        jsonString(sb, fields.get(i).name().orElseThrow());
                        sb.append(": ");
                    }
                    appendJson(sb, values.get(i), fields.get(i).type());
                }
                sb.append(named ? '}' : ']');
            }
            case VARBINARY -> jsonString(sb, "base64:" + java.util.Base64.getEncoder().encodeToString((byte[]) value));
            default -> jsonString(sb, scalarText(value, type));
        }
    }

    private static String scalarText(Object value, SqlType type) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Temporal || value instanceof BigDecimal) {
            return format(value, MySqlColumnType.of(type));
        }
        return String.valueOf(value);
    }

    private static void jsonString(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
