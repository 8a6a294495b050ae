package io.queryflux.engine.duckdb;

import io.queryflux.engine.SqlType;
import io.queryflux.engine.jdbc.ColumnReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts what DuckDB's JDBC driver returns into the result model's Java values. */
final class DuckDbValues {
    private DuckDbValues() {}

    static ColumnReader reader(SqlType type) {
        return switch (type.kind()) {
            // Temporal getObject(i) returns java.sql types that drop micro- and nanoseconds.
            case TIME -> (rs, i) -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_WITH_TIME_ZONE -> (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case VARCHAR, CHAR, JSON -> (rs, i) -> rs.getString(i);
            default -> (rs, i) -> convert(rs.getObject(i), type);
        };
    }

    static Object convert(Object value, SqlType type) throws SQLException {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value;
            case TINYINT -> ((Number) value).byteValue();
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case REAL -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> decimal(value);
            case VARCHAR, CHAR, JSON, UNKNOWN, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> value.toString();
            case VARBINARY -> bytes(value);
            case DATE -> value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
            case TIME -> value instanceof java.sql.Time t ? t.toLocalTime() : (LocalTime) value;
            case TIME_WITH_TIME_ZONE -> value instanceof OffsetTime t ? t : OffsetTime.parse(value.toString());
            case TIMESTAMP -> value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
            case TIMESTAMP_WITH_TIME_ZONE -> value instanceof OffsetDateTime t ? t : OffsetDateTime.parse(value.toString());
            case UUID -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case ARRAY -> list(value, type.elementType());
            case MAP -> map(value, type);
            case ROW -> row(value, type);
        };
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return new BigDecimal(value.toString());
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        throw new IllegalArgumentException("Unexpected BLOB value of class " + value.getClass().getName());
    }

    private static List<Object> list(Object value, SqlType element) throws SQLException {
        Object[] items = value instanceof Array array
                ? (Object[]) array.getArray()
                : ((List<?>) value).toArray();
        List<Object> result = new ArrayList<>(items.length);
        for (Object item : items) {
            result.add(convert(item, element));
        }
        return Collections.unmodifiableList(result);
    }

    private static Map<Object, Object> map(Object value, SqlType type) throws SQLException {
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            result.put(convert(entry.getKey(), type.keyType()), convert(entry.getValue(), type.valueType()));
        }
        return Collections.unmodifiableMap(result);
    }

    private static List<Object> row(Object value, SqlType type) throws SQLException {
        List<SqlType.Field> fields = type.fields();
        List<Object> result = new ArrayList<>(fields.size());
        if (value instanceof Struct struct) {
            Object[] attributes = struct.getAttributes();
            for (int i = 0; i < fields.size(); i++) {
                result.add(convert(attributes[i], fields.get(i).type()));
            }
        } else {
            Map<?, ?> byName = (Map<?, ?>) value;
            for (SqlType.Field field : fields) {
                result.add(convert(byName.get(field.name().orElseThrow()), field.type()));
            }
        }
        return Collections.unmodifiableList(result);
    }
}
