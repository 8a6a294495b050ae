package io.queryflux.protocol.pg.types;

import io.queryflux.engine.SqlType;
import io.queryflux.protocol.pg.messages.Format;
import io.queryflux.protocol.pg.messages.MessageWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes result-model values (see {@link SqlType} for their Java classes) as PostgreSQL text
 * or binary values, as the column type {@link PgColumnType#of} announced.
 */
public final class PgValueEncoder {
    private static final long PG_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final long PG_EPOCH_DAYS = 10_957L;

    private final ZoneId sessionZone;

    /** @param sessionZone the session's TimeZone, in which timestamptz text is rendered */
    public PgValueEncoder(ZoneId sessionZone) {
        this.sessionZone = sessionZone;
    }

    /** Writes a DataRow column: its length word and bytes, or -1 for NULL. */
    public void write(MessageWriter out, Object value, SqlType type, Format format) {
        if (value == null) {
            out.int32(-1);
        } else if (format == Format.BINARY) {
            int at = out.reserveLength();
            binary(out, value, type);
            out.patchLength(at);
        } else {
            byte[] text = text(value, type).getBytes(StandardCharsets.UTF_8);
            out.int32(text.length).bytes(text);
        }
    }

    // ---------------------------------------------------------------- text

    public String text(Object value, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value ? "t" : "f";
            case REAL -> floating(((Number) value).floatValue());
            case DOUBLE -> floating(((Number) value).doubleValue());
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case VARBINARY -> "\\x" + HexFormat.of().formatHex((byte[]) value);
            case DATE -> date((LocalDate) value);
            case TIME -> time((LocalTime) value);
            case TIME_WITH_TIME_ZONE -> time(((OffsetTime) value).toLocalTime()) + offset(((OffsetTime) value).getOffset());
            case TIMESTAMP -> timestamp((LocalDateTime) value);
            case TIMESTAMP_WITH_TIME_ZONE -> {
                ZonedDateTime local = instantOf(value).atZone(sessionZone);
                yield timestamp(local.toLocalDateTime()) + offset(local.getOffset());
            }
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> interval(value);
            case ARRAY -> array((List<?>) value, type.elementType());
            case MAP -> map((Map<?, ?>) value, type);
            case ROW -> row((List<?>) value, type);
            default -> value.toString();
        };
    }

    /** PostgreSQL prints integral floats without a fraction and large ones as 1e+20. */
    static String floating(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        String exponent = s.substring(e + 1);
        return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }

    private static String floating(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v) || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
            return floating((double) v);
        }
        String s = Float.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String exponent = s.substring(e + 1);
        return s.substring(0, e) + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }

    static String date(LocalDate d) {
        int year = d.getYear();
        if (year > 0 && year <= 9999) {
            return d.toString();
        }
        // PostgreSQL writes years before 1 AD with a BC suffix and no sign.
        return year <= 0 ? String.format("%04d-%02d-%02d BC", 1 - year, d.getMonthValue(), d.getDayOfMonth())
                : String.format("%d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth());
    }

    static String time(LocalTime t) {
        StringBuilder s = new StringBuilder(15);
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        two(s, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String fraction = String.format("%06d", micros);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(fraction, 0, end);
        }
        return s.toString();
    }

    private static StringBuilder two(StringBuilder s, int v) {
        if (v < 10) {
            s.append('0');
        }
        return s.append(v);
    }

    static String timestamp(LocalDateTime t) {
        String date = date(t.toLocalDate());
        if (date.endsWith(" BC")) {
            return date.substring(0, date.length() - 3) + " " + time(t.toLocalTime()) + " BC";
        }
        return date + " " + time(t.toLocalTime());
    }

    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        StringBuilder s = new StringBuilder(total < 0 ? "-" : "+");
        two(s, abs / 3600);
        if (abs % 3600 != 0) {
            two(s.append(':'), abs % 3600 / 60);
            if (abs % 60 != 0) {
                two(s.append(':'), abs % 60);
            }
        }
        return s.toString();
    }

    private static java.time.Instant instantOf(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((ZonedDateTime) value).toInstant();
    }

    private static String interval(Object value) {
        if (value instanceof Period p) {
            StringBuilder s = new StringBuilder();
            unit(s, p.getYears(), "year");
            unit(s, p.getMonths(), "mon");
            unit(s, p.getDays(), "day");
            return s.isEmpty() ? "00:00:00" : s.toString().trim();
        }
        if (value instanceof Duration d) {
            StringBuilder s = new StringBuilder();
            long days = d.toDays();
            unit(s, days, "day");
            Duration rest = d.minusDays(days);
            if (!rest.isZero() || s.isEmpty()) {
                if (rest.isNegative()) {
                    s.append('-');
                    rest = rest.negated();
                }
                s.append(time(LocalTime.ofNanoOfDay(rest.toNanos())));
            }
            return s.toString().trim();
        }
        return value.toString();
    }

    private static void unit(StringBuilder s, long n, String unit) {
        if (n != 0) {
            s.append(n).append(' ').append(unit).append(Math.abs(n) == 1 ? "" : "s").append(' ');
        }
    }

    private String array(List<?> values, SqlType element) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            Object v = values.get(i);
            s.append(v == null ? "NULL" : quoteElement(text(v, element)));
        }
        return s.append('}').toString();
    }

    private static String quoteElement(String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
        }
        if (!quote) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private String map(Map<?, ?> values, SqlType type) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(e.getKey() == null ? "NULL" : text(e.getKey(), type.keyType())).append('=');
            s.append(e.getValue() == null ? "NULL" : text(e.getValue(), type.valueType()));
        }
        return s.append('}').toString();
    }

    private String row(List<?> values, SqlType type) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            Object v = values.get(i);
            if (v != null) {
                String text = text(v, type.fields().get(i).type());
                boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '(' || c == ')'
                        || c == '"' || c == '\\' || Character.isWhitespace(c));
                s.append(quote ? '"' + text.replace("\\", "\\\\").replace("\"", "\"\"") + '"' : text);
            }
        }
        return s.append(')').toString();
    }

    // ---------------------------------------------------------------- binary

    private void binary(MessageWriter out, Object value, SqlType type) {
        switch (type.kind()) {
            case BOOLEAN -> out.int8((Boolean) value ? 1 : 0);
            case TINYINT, SMALLINT -> out.int16(((Number) value).intValue());
            case INTEGER -> out.int32((Integer) value);
            case BIGINT -> int64(out, (Long) value);
            case REAL -> out.int32(Float.floatToIntBits((Float) value));
            case DOUBLE -> int64(out, Double.doubleToLongBits((Double) value));
            case DECIMAL -> numeric(out, (BigDecimal) value);
            case VARBINARY -> out.bytes((byte[]) value);
            case DATE -> out.int32(Math.toIntExact(((LocalDate) value).toEpochDay() - PG_EPOCH_DAYS));
            case TIME -> int64(out, ((LocalTime) value).toNanoOfDay() / 1000);
            case TIME_WITH_TIME_ZONE -> {
                OffsetTime t = (OffsetTime) value;
                int64(out, t.toLocalTime().toNanoOfDay() / 1000);
                out.int32(-t.getOffset().getTotalSeconds()); // PostgreSQL stores seconds west of UTC
            }
            case TIMESTAMP -> int64(out, micros((LocalDateTime) value));
            case TIMESTAMP_WITH_TIME_ZONE -> int64(out, micros(LocalDateTime.ofInstant(instantOf(value), ZoneOffset.UTC)));
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> interval(out, value);
            case UUID -> {
                UUID u = (UUID) value;
                int64(out, u.getMostSignificantBits());
                int64(out, u.getLeastSignificantBits());
            }
            case ARRAY -> array(out, (List<?>) value, type.elementType());
            default -> out.bytes(text(value, type).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void int64(MessageWriter out, long v) {
        out.int32((int) (v >>> 32)).int32((int) v);
    }

    private static long micros(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECONDS, 1_000_000L),
                t.getNano() / 1000);
    }

    private static void interval(MessageWriter out, Object value) {
        if (value instanceof Period p) {
            int64(out, 0);
            out.int32(p.getDays()).int32(p.getYears() * 12 + p.getMonths());
        } else {
            int64(out, ((Duration) value).toNanos() / 1000);
            out.int32(0).int32(0);
        }
    }

    /** PostgreSQL's numeric: base-10000 digits with a weight, sign and display scale. */
    static void numeric(MessageWriter out, BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        String plain = value.abs().setScale(dscale).toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        whole = "0".repeat((4 - whole.length() % 4) % 4) + whole;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = whole + fraction;
        int[] digits = new int[all.length() / 4];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = Integer.parseInt(all, i * 4, i * 4 + 4, 10);
        }
        int weight = whole.length() / 4 - 1;
        int first = 0;
        while (first < digits.length && digits[first] == 0) {
            first++;
            weight--;
        }
        int last = digits.length;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        if (first == last) {
            weight = 0;
        }
        out.int16(last - first).int16(weight).int16(value.signum() < 0 ? 0x4000 : 0).int16(dscale);
        for (int i = first; i < last; i++) {
            out.int16(digits[i]);
        }
    }

    private void array(MessageWriter out, List<?> values, SqlType element) {
        boolean nested = element.kind() == io.queryflux.engine.TypeKind.ARRAY;
        SqlType sent = nested ? SqlType.VARCHAR : element;
        out.int32(values.isEmpty() ? 0 : 1);
        out.int32(values.contains(null) ? 1 : 0);
        out.int32(nested ? PgType.TEXT.oid() : PgColumnType.baseType(element).oid());
        if (!values.isEmpty()) {
            out.int32(values.size()).int32(1);
        }
        for (Object v : values) {
            if (v == null) {
                out.int32(-1);
            } else if (nested) {
                byte[] text = text(v, element).getBytes(StandardCharsets.UTF_8);
                out.int32(text.length).bytes(text);
            } else {
                int at = out.reserveLength();
                binary(out, v, sent);
                out.patchLength(at);
            }
        }
    }
}
