package io.queryflux.protocol.flight.arrow;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How each column of an engine's Arrow batch reaches the result schema the client was promised
 * (the schema of the row path, {@link ArrowSchemas}). Where the engine's type has the same
 * layout the buffers are moved without a copy; the few types the engine exports differently from
 * the declared SQL type are converted column by column: unsigned integers (DuckDB's UTINYINT..
 * UBIGINT, declared as the next wider signed type or decimal(20,0)), dictionary-encoded strings
 * (ENUM), UUID sent as text, and types declared varchar for want of a SQL counterpart (INTERVAL,
 * BIT, UNION), which get Arrow's text of the value.
 */
final class ColumnMoves {
    private ColumnMoves() {}

    /** Moves one column's batch from the engine's vector into the declared one. */
    @FunctionalInterface
    interface ColumnMove {
        void move(FieldVector source, FieldVector target, int rows);
    }

    static ColumnMove of(Field source, Field target, DictionaryProvider dictionaries) throws QueryException {
        ArrowType from = source.getType();
        ArrowType to = target.getType();
        if (source.getDictionary() != null) {
            if (to instanceof ArrowType.Utf8) {
                long id = source.getDictionary().getId();
                return (s, t, rows) -> {
                    try (ValueVector decoded = DictionaryEncoder.decode(s, dictionaries.lookup(id))) {
                        decoded.makeTransferPair(t).transfer();
                    }
                };
            }
        } else if (sameLayout(source, target)) {
            return (s, t, rows) -> s.makeTransferPair(t).transfer();
        } else if (to instanceof ArrowType.Null) {
            return (s, t, rows) -> t.setValueCount(rows);
        } else if (from instanceof ArrowType.Int f && !f.getIsSigned()) {
            ColumnMove widen = widenUnsigned(f, to);
            if (widen != null) {
                return widen;
            }
        } else if (to instanceof ArrowType.FixedSizeBinary fixed && fixed.getByteWidth() == 16
                && from instanceof ArrowType.Utf8) {
            return ColumnMoves::uuidFromText;
        } else if (to instanceof ArrowType.Utf8) {
            return ColumnMoves::text;
        }
        throw new QueryException(ErrorCode.NOT_SUPPORTED, "Column " + target.getName() + ": the engine's Arrow type "
                + source.getType() + " cannot be sent as the declared " + target.getType());
    }

    /**
     * Same buffers, so the vectors can be moved as they are. Names and metadata do not matter;
     * the zone of a zoned timestamp does not either, since its values are UTC instants anyway.
     */
    static boolean sameLayout(Field source, Field target) {
        if (source.getDictionary() != null || !sameType(source.getType(), target.getType())) {
            return false;
        }
        List<Field> from = source.getChildren();
        List<Field> to = target.getChildren();
        if (from.size() != to.size()) {
            return false;
        }
        for (int i = 0; i < from.size(); i++) {
            if (!sameLayout(from.get(i), to.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameType(ArrowType from, ArrowType to) {
        if (from instanceof ArrowType.Timestamp f && to instanceof ArrowType.Timestamp t) {
            return f.getUnit() == t.getUnit() && (f.getTimezone() == null) == (t.getTimezone() == null);
        }
        if (from instanceof ArrowType.Map && to instanceof ArrowType.Map) {
            return true; // keysSorted is a promise about the data, not a different layout
        }
        return from.equals(to);
    }

    private static ColumnMove widenUnsigned(ArrowType.Int from, ArrowType to) {
        if (to instanceof ArrowType.Int t && t.getIsSigned() && t.getBitWidth() == from.getBitWidth() * 2) {
            return (s, t2, rows) -> {
                t2.allocateNew();
                BaseIntVector source = (BaseIntVector) s;
                for (int r = 0; r < rows; r++) {
                    if (s.isNull(r)) {
                        t2.setNull(r);
                    } else {
                        setLong(t2, r, source.getValueAsLong(r));
                    }
                }
                t2.setValueCount(rows);
            };
        }
        if (from.getBitWidth() == 64 && to instanceof ArrowType.Decimal d && d.getScale() == 0 && d.getPrecision() >= 20) {
            return (s, t, rows) -> {
                UInt8Vector source = (UInt8Vector) s;
                DecimalVector target = (DecimalVector) t;
                target.allocateNew();
                for (int r = 0; r < rows; r++) {
                    if (s.isNull(r)) {
                        target.setNull(r);
                    } else {
                        target.setSafe(r, new BigDecimal(source.getObjectNoOverflow(r)));
                    }
                }
                target.setValueCount(rows);
            };
        }
        return null;
    }

    private static void setLong(FieldVector target, int row, long value) {
        switch (target) {
            case SmallIntVector v -> v.setSafe(row, (short) value);
            case IntVector v -> v.setSafe(row, (int) value);
            case BigIntVector v -> v.setSafe(row, value);
            default -> throw new IllegalStateException("not a signed integer vector: " + target.getField());
        }
    }

    private static void uuidFromText(FieldVector s, FieldVector t, int rows) {
        VarCharVector source = (VarCharVector) s;
        FixedSizeBinaryVector target = (FixedSizeBinaryVector) t;
        target.allocateNew();
        for (int r = 0; r < rows; r++) {
            if (s.isNull(r)) {
                target.setNull(r);
            } else {
                UUID uuid = UUID.fromString(new String(source.get(r), StandardCharsets.UTF_8));
                target.setSafe(r, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits()).array());
            }
        }
        target.setValueCount(rows);
    }

    private static void text(FieldVector s, FieldVector t, int rows) {
        VarCharVector target = (VarCharVector) t;
        target.allocateNew();
        for (int r = 0; r < rows; r++) {
            Object value = s.getObject(r);
            if (value == null) {
                target.setNull(r);
            } else {
                target.setSafe(r, value.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        target.setValueCount(rows);
    }
}
