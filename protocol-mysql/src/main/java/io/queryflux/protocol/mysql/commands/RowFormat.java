package io.queryflux.protocol.mysql.commands;

import io.queryflux.protocol.mysql.codec.PayloadWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** The two row encodings: text (COM_QUERY) and binary (COM_STMT_EXECUTE). */
enum RowFormat {
    TEXT {
        @Override
        void encode(PayloadWriter w, Object[] values, List<MySqlColumnType> columns) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    w.nullMarker();
                } else {
                    writeText(w, value, columns.get(i));
                }
            }
        }
    },
    BINARY {
        @Override
        void encode(PayloadWriter w, Object[] values, List<MySqlColumnType> columns) {
            w.int1(0x00);
            // The NULL bitmap starts at bit 2 in result rows.
            int bitmapStart = w.size();
            w.zeros((values.length + 7 + 2) / 8);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    int bit = i + 2;
                    w.buffer()[bitmapStart + bit / 8] |= (byte) (1 << (bit % 8));
                }
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    writeBinary(w, values[i], columns.get(i));
                }
            }
        }
    };

    abstract void encode(PayloadWriter w, Object[] values, List<MySqlColumnType> columns);

    private static void writeText(PayloadWriter w, Object value, MySqlColumnType column) {
        switch (column.sqlType().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> w.lenencAscii(value.toString());
            case VARBINARY -> w.lenencBytes((byte[]) value);
            case VARCHAR, CHAR -> w.lenencBytes(((String) value).getBytes(StandardCharsets.UTF_8));
            default -> w.lenencBytes(ValueFormatter.format(value, column).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeBinary(PayloadWriter w, Object value, MySqlColumnType column) {
        switch (column.sqlType().kind()) {
            case BOOLEAN -> w.int1(((Boolean) value) ? 1 : 0);
            case TINYINT -> w.int1(((Number) value).byteValue());
            case SMALLINT -> w.int2(((Number) value).shortValue());
            case INTEGER -> w.int4(((Number) value).intValue());
            case BIGINT -> w.int8(((Number) value).longValue());
            case REAL -> w.int4(Float.floatToIntBits(((Number) value).floatValue()));
            case DOUBLE -> w.int8(Double.doubleToLongBits(((Number) value).doubleValue()));
            case VARBINARY -> w.lenencBytes((byte[]) value);
            case VARCHAR, CHAR -> w.lenencBytes(((String) value).getBytes(StandardCharsets.UTF_8));
            case DATE -> writeDate(w, (LocalDate) value);
            case TIME -> writeTime(w, (LocalTime) value, column.decimals());
            case TIMESTAMP -> writeDateTime(w, (LocalDateTime) value, column.decimals());
            case TIMESTAMP_WITH_TIME_ZONE -> writeDateTime(w, ValueFormatter.utc(value), column.decimals());
            default -> w.lenencBytes(ValueFormatter.format(value, column).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeDate(PayloadWriter w, LocalDate date) {
        w.int1(4).int2(date.getYear()).int1(date.getMonthValue()).int1(date.getDayOfMonth());
    }

    private static void writeDateTime(PayloadWriter w, LocalDateTime value, int decimals) {
        int micros = truncatedMicros(value.getNano(), decimals);
        w.int1(micros == 0 ? 7 : 11).int2(value.getYear()).int1(value.getMonthValue()).int1(value.getDayOfMonth())
                .int1(value.getHour()).int1(value.getMinute()).int1(value.getSecond());
        if (micros != 0) {
            w.int4(micros);
        }
    }

    private static void writeTime(PayloadWriter w, LocalTime value, int decimals) {
        int micros = truncatedMicros(value.getNano(), decimals);
        w.int1(micros == 0 ? 8 : 12).int1(0).int4(0).int1(value.getHour()).int1(value.getMinute())
                .int1(value.getSecond());
        if (micros != 0) {
            w.int4(micros);
        }
    }

    /** Microseconds cut to the column's digits, as the text form shows them. */
    private static int truncatedMicros(int nanos, int decimals) {
        int micros = nanos / 1000;
        int drop = (int) Math.pow(10, 6 - decimals);
        return micros / drop * drop;
    }
}
