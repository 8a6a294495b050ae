package io.queryflux.protocol.flight.arrow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Builds the {@link VectorWriter} for a vector from its Arrow type, the one place that turns
 * result values into Arrow. Types follow {@link ArrowSchemas}; a value of an unexpected class
 * fails with {@link ClassCastException} or {@link IllegalArgumentException}, which the streamer
 * reports as an internal error naming the column.
 */
public final class VectorWriters {
    private VectorWriters() {}

    public static VectorWriter of(FieldVector vector) {
        if (vector instanceof NullVector) {
            return (index, value) -> { };
        }
        VectorWriter nonNull = nonNullWriter(vector);
        return (index, value) -> {
            if (value == null) {
                vector.setNull(index);
            } else {
                nonNull.write(index, value);
            }
        };
    }

    private static VectorWriter nonNullWriter(FieldVector vector) {
        return switch (vector) {
            case BitVector v -> (index, value) -> v.setSafe(index, (Boolean) value ? 1 : 0);
            case TinyIntVector v -> (index, value) -> v.setSafe(index, ((Number) value).byteValue());
            case SmallIntVector v -> (index, value) -> v.setSafe(index, ((Number) value).shortValue());
            case IntVector v -> (index, value) -> v.setSafe(index, ((Number) value).intValue());
            case BigIntVector v -> (index, value) -> v.setSafe(index, ((Number) value).longValue());
            case Float4Vector v -> (index, value) -> v.setSafe(index, ((Number) value).floatValue());
            case Float8Vector v -> (index, value) -> v.setSafe(index, ((Number) value).doubleValue());
            case DecimalVector v -> (index, value) -> v.setSafe(index, scaled(value, v.getScale()));
            case Decimal256Vector v -> (index, value) -> v.setSafe(index, scaled(value, v.getScale()));
            case VarCharVector v -> (index, value) -> v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector v -> (index, value) -> v.setSafe(index, (byte[]) value);
            case FixedSizeBinaryVector v -> (index, value) -> v.setSafe(index, uuidBytes(value));
            case DateDayVector v -> (index, value) -> v.setSafe(index, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TimeSecVector v -> (index, value) -> v.setSafe(index, ((LocalTime) value).toSecondOfDay());
            case TimeMilliVector v -> (index, value) ->
                    v.setSafe(index, (int) (((LocalTime) value).toNanoOfDay() / 1_000_000));
            case TimeMicroVector v -> (index, value) -> v.setSafe(index, ((LocalTime) value).toNanoOfDay() / 1_000);
            case TimeNanoVector v -> (index, value) -> v.setSafe(index, ((LocalTime) value).toNanoOfDay());
            case TimeStampVector v -> timestampWriter(v);
            case IntervalDayVector v -> (index, value) -> {
                Duration d = (Duration) value;
                long days = d.toDays();
                v.setSafe(index, Math.toIntExact(days), Math.toIntExact(d.minusDays(days).toMillis()));
            };
            case IntervalYearVector v -> (index, value) -> v.setSafe(index, Math.toIntExact(((Period) value).toTotalMonths()));
            case MapVector v -> mapWriter(v);
            case ListVector v -> listWriter(v);
            case StructVector v -> structWriter(v);
            default -> throw new IllegalArgumentException("No writer for Arrow vector " + vector.getField());
        };
    }

    private static BigDecimal scaled(Object value, int scale) {
        // Exact or an error: a value with more fractional digits than the column is a bug upstream.
        return ((BigDecimal) value).setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static byte[] uuidBytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        UUID uuid = (UUID) value;
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static VectorWriter timestampWriter(TimeStampVector vector) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        ToLongFunction<Instant> toUnit = switch (type.getUnit()) {
            case SECOND -> Instant::getEpochSecond;
            case MILLISECOND -> Instant::toEpochMilli;
            case MICROSECOND -> i -> ChronoUnit.MICROS.between(Instant.EPOCH, i);
            case NANOSECOND -> i -> ChronoUnit.NANOS.between(Instant.EPOCH, i);
        };
        boolean withZone = type.getTimezone() != null;
        return (index, value) -> vector.setSafe(index, toUnit.applyAsLong(withZone ? instant(value)
                : ((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime t -> t.toInstant();
            case ZonedDateTime t -> t.toInstant();
            case Instant t -> t;
            default -> throw new ClassCastException(value.getClass().getName() + " is not a timestamp with time zone");
        };
    }

    private static VectorWriter listWriter(ListVector vector) {
        VectorWriter element = of((FieldVector) vector.getDataVector());
        return (index, value) -> {
            List<?> items = (List<?>) value;
            int start = vector.startNewValue(index);
            for (int i = 0; i < items.size(); i++) {
                element.write(start + i, items.get(i));
            }
            vector.endValue(index, items.size());
        };
    }

    private static VectorWriter mapWriter(MapVector vector) {
        StructVector entries = (StructVector) vector.getDataVector();
        VectorWriter key = of(entries.getChild(MapVector.KEY_NAME));
        VectorWriter val = of(entries.getChild(MapVector.VALUE_NAME));
        return (index, value) -> {
            Map<?, ?> map = (Map<?, ?>) value;
            int position = vector.startNewValue(index);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.setIndexDefined(position);
                key.write(position, entry.getKey());
                val.write(position, entry.getValue());
                position++;
            }
            vector.endValue(index, map.size());
        };
    }

    private static VectorWriter structWriter(StructVector vector) {
        List<FieldVector> children = vector.getChildrenFromFields();
        VectorWriter[] writers = children.stream().map(VectorWriters::of).toArray(VectorWriter[]::new);
        return (index, value) -> {
            List<?> fields = (List<?>) value;
            vector.setIndexDefined(index);
            for (int i = 0; i < writers.length; i++) {
                writers[i].write(index, fields.get(i));
            }
        };
    }
}
