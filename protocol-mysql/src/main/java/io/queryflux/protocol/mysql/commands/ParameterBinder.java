package io.queryflux.protocol.mysql.commands;

import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.PayloadReader;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes COM_STMT_EXECUTE's binary parameters and renders them as SQL literals that DuckDB,
 * Trino, PostgreSQL and MySQL-family engines all read: numbers as numbers, strings in single
 * quotes with quotes doubled, dates and times as {@code DATE '...'}/{@code TIMESTAMP '...'},
 * byte strings as {@code X'..'}.
 */
final class ParameterBinder {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d*\\.?\\d+(?:[eE][-+]?\\d+)?");
    private static final int UNSIGNED = 0x8000;

    private ParameterBinder() {}

    /** The statement text with every placeholder replaced by its value. */
    static String bind(PreparedStatement statement, PayloadReader r) throws MalformedPacketException {
        int count = statement.parameterCount();
        if (count == 0) {
            return statement.sql();
        }
        byte[] nullBitmap = r.bytes((count + 7) / 8);
        if (r.int1() == 1) {
            int[] types = new int[count];
            for (int i = 0; i < count; i++) {
                types[i] = r.int2();
            }
            statement.bindTypes(types);
        }
        int[] types = statement.boundTypes();
        if (types == null) {
            throw new MalformedPacketException("parameters were never bound to types");
        }
        String[] literals = new String[count];
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream longData = statement.longData().get(i);
            if ((nullBitmap[i / 8] & (1 << (i % 8))) != 0) {
                literals[i] = "NULL";
            } else if (longData != null) {
                literals[i] = fromBytes(longData.toByteArray(), types[i] & 0xff);
            } else {
                literals[i] = literal(r, types[i]);
            }
        }
        return render(statement.sql(), statement.placeholders(), literals);
    }

    private static String render(String sql, List<Integer> placeholders, String[] literals) {
        StringBuilder sb = new StringBuilder(sql.length() + 16 * literals.length);
        int last = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            int at = placeholders.get(i);
            sb.append(sql, last, at).append(literals[i]);
            last = at + 1;
        }
        return sb.append(sql, last, sql.length()).toString();
    }

    private static String literal(PayloadReader r, int typeAndFlag) throws MalformedPacketException {
        int type = typeAndFlag & 0xff;
        boolean unsigned = (typeAndFlag & UNSIGNED) != 0;
        return switch (type) {
            case MySqlColumnType.NULL -> "NULL";
            case MySqlColumnType.TINY -> Integer.toString(unsigned ? r.int1() : (byte) r.int1());
            case MySqlColumnType.SHORT, MySqlColumnType.YEAR -> Integer.toString(unsigned ? r.int2() : (short) r.int2());
            case MySqlColumnType.LONG, MySqlColumnType.INT24 -> Long.toString(unsigned ? r.int4() : (int) r.int4());
            case MySqlColumnType.LONGLONG -> unsigned ? Long.toUnsignedString(r.int8()) : Long.toString(r.int8());
            case MySqlColumnType.FLOAT -> floating(Float.intBitsToFloat((int) r.int4()));
            case MySqlColumnType.DOUBLE -> floating(Double.longBitsToDouble(r.int8()));
            case MySqlColumnType.DATE -> dateTime(r, "DATE");
            case MySqlColumnType.DATETIME, MySqlColumnType.TIMESTAMP -> dateTime(r, "TIMESTAMP");
            case MySqlColumnType.TIME -> time(r);
            default -> fromBytes(r.lenencBytes(), type);
        };
    }

    private static String fromBytes(byte[] value, int type) throws MalformedPacketException {
        return switch (type) {
            case MySqlColumnType.DECIMAL, MySqlColumnType.NEWDECIMAL -> {
                String text = new String(value, StandardCharsets.US_ASCII).strip();
                if (!DECIMAL.matcher(text).matches()) {
                    throw new MalformedPacketException("not a decimal number: " + text);
                }
                yield new BigDecimal(text).toPlainString();
            }
            case MySqlColumnType.TINY_BLOB, MySqlColumnType.MEDIUM_BLOB, MySqlColumnType.LONG_BLOB,
                    MySqlColumnType.BLOB, MySqlColumnType.GEOMETRY -> "X'" + HexFormat.of().formatHex(value) + "'";
            default -> "'" + new String(value, StandardCharsets.UTF_8).replace("'", "''") + "'";
        };
    }

    private static String floating(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "'" + value + "'";
        }
        return Double.toString(value);
    }

    private static String dateTime(PayloadReader r, String keyword) throws MalformedPacketException {
        int length = r.int1();
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (length >= 4) {
            year = r.int2();
            month = r.int1();
            day = r.int1();
        }
        if (length >= 7) {
            hour = r.int1();
            minute = r.int1();
            second = r.int1();
        }
        if (length >= 11) {
            micros = r.int4();
        }
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("bad date/time length " + length);
        }
        String date = String.format("%04d-%02d-%02d", year, month, day);
        if (keyword.equals("DATE")) {
            return "DATE '" + date + "'";
        }
        return "TIMESTAMP '" + date + String.format(" %02d:%02d:%02d", hour, minute, second)
                + (micros != 0 ? String.format(".%06d", micros) : "") + "'";
    }

    private static String time(PayloadReader r) throws MalformedPacketException {
        int length = r.int1();
        if (length == 0) {
            return "TIME '00:00:00'";
        }
        if (length != 8 && length != 12) {
            throw new MalformedPacketException("bad time length " + length);
        }
        boolean negative = r.int1() == 1;
        long days = r.int4();
        int hours = r.int1();
        int minutes = r.int1();
        int seconds = r.int1();
        long micros = length == 12 ? r.int4() : 0;
        return "TIME '" + (negative ? "-" : "") + String.format("%02d:%02d:%02d", days * 24 + hours, minutes, seconds)
                + (micros != 0 ? String.format(".%06d", micros) : "") + "'";
    }
}
