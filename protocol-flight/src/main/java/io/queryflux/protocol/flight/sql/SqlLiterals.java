package io.queryflux.protocol.flight.sql;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Renders bound parameter values as SQL literals. The engine SPI takes SQL text only, so a
 * prepared statement runs with its parameters inlined; every value is rendered so that it
 * cannot change the statement's structure (strings are quoted with doubled quotes, numbers
 * come from typed vectors, never from client text).
 */
public final class SqlLiterals {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private SqlLiterals() {}

    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The value at {@code row} of a parameter vector as a SQL literal. */
    public static String literal(FieldVector vector, int row) {
        if (vector.isNull(row) || vector instanceof NullVector) {
            return "NULL";
        }
        return switch (vector) {
            case BitVector v -> v.get(row) == 1 ? "TRUE" : "FALSE";
            case BaseIntVector v -> Long.toString(v.getValueAsLong(row));
            case FloatingPointVector v -> floating(v.getValueAsDouble(row));
            case DecimalVector v -> decimal(v.getObject(row));
            case Decimal256Vector v -> decimal(v.getObject(row));
            case VarCharVector v -> string(v.getObject(row).toString());
            case LargeVarCharVector v -> string(v.getObject(row).toString());
            case VarBinaryVector v -> "from_hex(" + string(HexFormat.of().formatHex(v.get(row))) + ")";
            case FixedSizeBinaryVector v -> fixedBinary(v, row);
            case DateDayVector v -> "DATE " + string(LocalDate.ofEpochDay(v.get(row)).toString());
            case DateMilliVector v -> "DATE " + string(LocalDate.ofEpochDay(Math.floorDiv(v.get(row), 86_400_000L)).toString());
            case TimeSecVector v -> time(v.get(row) * 1_000_000_000L);
            case TimeMilliVector v -> time(v.get(row) * 1_000_000L);
            case TimeMicroVector v -> time(v.get(row) * 1_000L);
            case TimeNanoVector v -> time(v.get(row));
            case TimeStampVector v -> timestamp(v, row);
            default -> throw new IllegalArgumentException("Parameters of Arrow type " + vector.getField().getType()
                    + " are not supported");
        };
    }

    private static String floating(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "CAST(" + string(Double.toString(value)) + " AS DOUBLE)";
        }
        return Double.toString(value).contains("E") ? Double.toString(value) : Double.toString(value) + "E0";
    }

    private static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    private static String fixedBinary(FixedSizeBinaryVector vector, int row) {
        byte[] bytes = vector.get(row);
        ArrowType.FixedSizeBinary type = (ArrowType.FixedSizeBinary) vector.getField().getType();
        if (type.getByteWidth() == 16 && "arrow.uuid".equals(vector.getField().getMetadata().get("ARROW:extension:name"))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return "CAST(" + string(new UUID(buffer.getLong(), buffer.getLong()).toString()) + " AS UUID)";
        }
        return "from_hex(" + string(HexFormat.of().formatHex(bytes)) + ")";
    }

    private static String time(long nanoOfDay) {
        return "TIME " + string(LocalTime.ofNanoOfDay(nanoOfDay).toString());
    }

    private static String timestamp(TimeStampVector vector, int row) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long raw = vector.get(row);
        Instant instant = switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(raw);
            case MILLISECOND -> Instant.ofEpochMilli(raw);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
        };
        String text = TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        return type.getTimezone() == null
                ? "TIMESTAMP " + string(text)
                : "CAST(" + string(text + "+00:00") + " AS TIMESTAMP WITH TIME ZONE)";
    }
}
