package io.queryflux.protocol.pg.types;

import io.queryflux.protocol.pg.messages.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a bound parameter into a SQL literal, so the statement can go to any engine as text.
 * Numbers are checked to be numbers before they are inlined, everything else is quoted, so a
 * parameter can never change the statement's structure. Literals are spelled in PostgreSQL,
 * the frontend's dialect (bytea as {@code decode('..', 'hex')}); translation respells them for
 * other engines.
 */
public final class PgParameterDecoder {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /**
     * The zone pgjdbc's setDate appends ("2000-01-01 +00"), which PostgreSQL's date input ignores
     * and other engines (DuckDB) refuse.
     */
    private static final Pattern ZONE_AFTER_DATE = Pattern.compile("(?<=\\d)\\s+[+-]\\d{1,2}(?::?\\d{2}){0,2}\\s*$");
    /** A date as pgjdbc's setDate sends it, with no type, for the server to infer date or timestamptz. */
    private static final Pattern PGJDBC_DATE = Pattern.compile("\\d{4,}-\\d{2}-\\d{2} [+-]\\d{2}(?::\\d{2}){0,2}");
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    /** The types {@link #binary} reads (UNKNOWN, whose binary form is the client's to know, is not one). */
    private static final java.util.Set<PgType> BINARY_TYPES = java.util.EnumSet.of(PgType.BOOL, PgType.INT2,
            PgType.INT4, PgType.OID, PgType.INT8, PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.BYTEA,
            PgType.UUID, PgType.DATE, PgType.TIME, PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.TEXT, PgType.VARCHAR,
            PgType.BPCHAR, PgType.NAME, PgType.JSON);

    private PgParameterDecoder() {}

    /**
     * @param zonelessDates whether an untyped date as pgjdbc's setDate sends it loses its zone
     *     (for engines other than PostgreSQL, which refuse it; PostgreSQL may infer timestamptz, where
     *     the zone counts)
     * @throws IllegalArgumentException when the value does not fit its declared type
     */
    public static String literal(byte[] value, Format format, int typeOid, boolean zonelessDates) {
        if (value == null) {
            return "NULL";
        }
        PgType type = PgType.byOid(typeOid).orElse(PgType.UNKNOWN);
        // An array described as text (describedAs) comes as its text, which asyncpg sends in binary
        // format: text's binary form is its UTF-8. A binary array starts with its dimension count (<= 6).
        boolean arrayText = value.length > 0 && value[0] == '{' && PgType.byArrayOid(typeOid).isPresent();
        if (format == Format.BINARY && !arrayText) {
            Optional<PgType> element = PgType.byArrayOid(typeOid).filter(BINARY_TYPES::contains);
            return element.isPresent() ? array(ByteBuffer.wrap(value), element.get())
                    : binary(ByteBuffer.wrap(value), type, typeOid);
        }
        String text = new String(value, StandardCharsets.UTF_8);
        Optional<PgType> element = PgType.byArrayOid(typeOid);
        if (element.isPresent()) {
            List<Object> array = PgArrayText.parse(text);
            StringBuilder literal = new StringBuilder("CAST(");
            textElements(array, element.get(), literal);
            return literal.append(" AS ").append(sqlName(element.get()))
                    .append("[]".repeat(PgArrayText.dimensions(array))).append(')').toString();
        }
        return switch (type) {
            case INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC -> number(text);
            case BOOL -> bool(text);
            case BYTEA -> bytea(text);
            case DATE -> cast(quote(ZONE_AFTER_DATE.matcher(text).replaceFirst("")), type);
            case TIME, TIMESTAMP, TIMESTAMPTZ, TIMETZ, UUID, INTERVAL -> cast(quote(text), type);
            case UNKNOWN -> quote(zonelessDates && PGJDBC_DATE.matcher(text).matches()
                    ? ZONE_AFTER_DATE.matcher(text).replaceFirst("") : text);
            default -> quote(text);
        };
    }

    private static String number(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("NaN") || trimmed.matches("(?i)[+-]?infinity")) {
            return "CAST(" + quote(trimmed) + " AS DOUBLE PRECISION)";
        }
        if (!NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("invalid input syntax for a number: \"" + text + "\"");
        }
        return trimmed.startsWith("-") ? "(" + trimmed + ")" : trimmed;
    }

    private static String bool(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> "TRUE";
            case "f", "false", "n", "no", "off", "0" -> "FALSE";
            default -> throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + text + "\"");
        };
    }

    private static String bytea(String text) {
        if (text.startsWith("\\x")) {
            String hex = text.substring(2);
            HexFormat.of().parseHex(hex); // validates
            return hexBytes(hex);
        }
        return hexBytes(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hexBytes(String hex) {
        return "decode('" + hex + "', 'hex')";
    }

    /** Whether the value is a text date as pgjdbc's setDate sends it untyped ("2000-01-01 +00"). */
    public static boolean looksLikeUntypedDate(byte[] value, Format format) {
        return value != null && format == Format.TEXT && value.length <= 32
                && PGJDBC_DATE.matcher(new String(value, StandardCharsets.UTF_8)).matches();
    }

    /**
     * The type a parameter the client declared (or a cast typed) is described as: text for none, or
     * for an array whose elements the proxy cannot read in binary (drivers that encode by the
     * described type, asyncpg and postgres.js, then send PostgreSQL's array text).
     */
    public static int describedAs(int declared) {
        return declared == 0 || PgType.byArrayOid(declared).isPresent() && !readsInBinary(declared) ? PgType.TEXT.oid()
                : declared;
    }

    /** Whether a parameter of this type can be read in binary format (else the client must send text). */
    public static boolean readsInBinary(int typeOid) {
        return PgType.byOid(typeOid).or(() -> PgType.byArrayOid(typeOid)).filter(BINARY_TYPES::contains).isPresent();
    }

    /**
     * An array in PostgreSQL's binary form (dimensions, then each element's length and bytes) as
     * {@code CAST(ARRAY[...] AS type[])}, nested for more than one dimension; what asyncpg sends
     * for a list.
     */
    private static String array(ByteBuffer in, PgType element) {
        int dimensions = in.getInt();
        in.getInt(); // whether there are NULLs: each element says so itself
        int elementOid = in.getInt();
        if (dimensions < 0 || dimensions > 6 || elementOid != element.oid()) {
            throw new IllegalArgumentException("incorrect binary data format in array parameter of type " + element.typeName());
        }
        int[] lengths = new int[dimensions];
        long elements = dimensions == 0 ? 0 : 1;
        for (int d = 0; d < dimensions; d++) {
            lengths[d] = in.getInt();
            in.getInt(); // lower bound: ARRAY[...] starts at 1
            elements *= Math.max(lengths[d], 0);
            if (lengths[d] < 0 || elements > in.remaining() / 4) { // each element has its length at least
                throw new IllegalArgumentException("incorrect binary data format in array parameter of type "
                        + element.typeName());
            }
        }
        StringBuilder literal = new StringBuilder("CAST(");
        elements(in, element, lengths, 0, literal);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("incorrect binary data format in array parameter of type " + element.typeName());
        }
        return literal.append(" AS ").append(sqlName(element)).append("[]".repeat(Math.max(1, dimensions))).append(')')
                .toString();
    }

    private static void elements(ByteBuffer in, PgType element, int[] lengths, int dimension, StringBuilder out) {
        out.append("ARRAY[");
        int count = lengths.length == 0 ? 0 : lengths[dimension];
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (dimension + 1 < lengths.length) {
                elements(in, element, lengths, dimension + 1, out);
                continue;
            }
            int length = in.getInt();
            if (length > in.remaining()) {
                throw new IllegalArgumentException("incorrect binary data format in array parameter of type "
                        + element.typeName());
            }
            if (length < 0) {
                out.append("NULL");
            } else {
                out.append(binary(in.slice(in.position(), length), element, element.oid()));
                in.position(in.position() + length);
            }
        }
        out.append(']');
    }

    /** An array's elements in text as {@code ARRAY[...]}, each read as a value of its type. */
    private static void textElements(List<?> array, PgType element, StringBuilder out) {
        out.append("ARRAY[");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object item = array.get(i);
            if (item == null) {
                out.append("NULL");
            } else if (item instanceof List<?> inner) {
                textElements(inner, element, out);
            } else {
                out.append(literal(((String) item).getBytes(StandardCharsets.UTF_8), Format.TEXT, element.oid(), false));
            }
        }
        out.append(']');
    }

    /** The SQL name of an element type, for an array's cast. */
    private static String sqlName(PgType type) {
        return switch (type) {
            case BOOL -> "BOOLEAN";
            case INT2 -> "SMALLINT";
            case INT4 -> "INTEGER";
            case INT8 -> "BIGINT";
            case FLOAT4 -> "REAL";
            case FLOAT8 -> "DOUBLE PRECISION";
            case NUMERIC -> "NUMERIC";
            case BYTEA -> "BYTEA";
            case JSON -> "JSON";
            case VARCHAR, BPCHAR, NAME -> "VARCHAR";
            case TEXT -> "TEXT";
            case OID -> "OID";
            default -> castName(type);
        };
    }

    private static String binary(ByteBuffer in, PgType type, int oid) {
        String literal = switch (type) {
            case BOOL -> in.get() != 0 ? "TRUE" : "FALSE";
            case INT2 -> signed(in.getShort());
            case INT4, OID -> signed(in.getInt());
            case INT8 -> signed(in.getLong());
            case FLOAT4 -> floating(in.getFloat());
            case FLOAT8 -> floating(in.getDouble());
            case NUMERIC -> signed(numeric(in));
            // A binary value of no type is bytes: clients send their text as text, and node-postgres
            // sends a Buffer so (PostgreSQL would take the type from the statement, bytea for a
            // bytea column).
            case BYTEA, UNKNOWN -> hexBytes(HexFormat.of().formatHex(rest(in)));
            case UUID -> cast(quote(new UUID(in.getLong(), in.getLong()).toString()), type);
            case DATE -> cast(quote(LocalDate.ofEpochDay(in.getInt() + PG_EPOCH_DAYS).toString()), type);
            case TIME -> cast(quote(PgValueEncoder.time(LocalTime.ofNanoOfDay(in.getLong() * 1000))), type);
            case TIMESTAMP -> cast(quote(PgValueEncoder.timestamp(timestamp(in.getLong()))), type);
            case TIMESTAMPTZ -> cast(quote(PgValueEncoder.timestamp(timestamp(in.getLong())) + "+00"), type);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON -> quote(new String(rest(in), StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("binary parameters of type OID " + oid + " are not supported");
        };
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("incorrect binary data format in bind parameter of type " + type.typeName());
        }
        return literal;
    }

    private static LocalDateTime timestamp(long micros) {
        return LocalDateTime.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    private static BigDecimal numeric(ByteBuffer in) {
        int ndigits = in.getShort();
        int weight = in.getShort();
        int sign = in.getShort() & 0xffff;
        int dscale = in.getShort();
        if (sign == 0xC000) {
            throw new IllegalArgumentException("NaN numeric parameters are not supported");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(in.getShort()));
        }
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        value = value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }

    private static byte[] rest(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        return bytes;
    }

    private static String signed(Object number) {
        String s = number instanceof BigDecimal d ? d.toPlainString() : number.toString();
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    private static String floating(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "CAST('" + (Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") + "' AS DOUBLE PRECISION)";
        }
        return signed(BigDecimal.valueOf(v));
    }

    /** A float4 printed by its own shortest form, not widened to double's digits (1.1, not 1.100000023841858). */
    private static String floating(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            return floating((double) v);
        }
        return signed(new BigDecimal(Float.toString(v)));
    }

    private static String cast(String literal, PgType type) {
        return "CAST(" + literal + " AS " + castName(type) + ")";
    }

    private static String castName(PgType type) {
        return switch (type) {
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMETZ -> "TIME WITH TIME ZONE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
            case UUID -> "UUID";
            case INTERVAL -> "INTERVAL";
            default -> throw new IllegalStateException("no cast for " + type);
        };
    }

    /** A standard SQL string literal (standard_conforming_strings is on). */
    public static String quote(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
