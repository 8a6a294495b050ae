package io.queryflux.protocol.flight.arrow;

import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a result. Every SQL type maps to the Arrow type that holds its values
 * exactly; where Arrow has no such type the column carries its SQL type name in the Flight SQL
 * column metadata ({@code ARROW:FLIGHT:SQL:TYPE_NAME}), which every column has anyway:
 * <ul>
 *   <li>time with time zone: Utf8, ISO text such as {@code 10:15:30.123456+02:00};
 *   <li>timestamp with time zone: Timestamp with zone {@code UTC}; the instant is exact, the
 *       original offset is not kept (Arrow timestamps with a zone are instants);
 *   <li>uuid: FixedSizeBinary(16) marked as Arrow's canonical {@code arrow.uuid} extension;
 *   <li>json: Utf8;
 *   <li>time and timestamp: the unit that holds the precision (s, ms, us, ns); Trino's
 *       precision 10 to 12 is cut to nanoseconds.
 * </ul>
 */
public final class ArrowSchemas {
    public static final String EXTENSION_NAME = "ARROW:extension:name";
    public static final String EXTENSION_METADATA = "ARROW:extension:metadata";
    public static final String UUID_EXTENSION = "arrow.uuid";
    /** Decimal128 holds 38 digits; wider decimals need Decimal256. */
    private static final int DECIMAL128_MAX_PRECISION = 38;

    private ArrowSchemas() {}

    public static Schema schema(List<Column> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(field(column.name(), column.type(), columnMetadata(column.type())));
        }
        return new Schema(fields);
    }

    private static Map<String, String> columnMetadata(SqlType type) {
        FlightSqlColumnMetadata.Builder builder = new FlightSqlColumnMetadata.Builder().typeName(type.trinoName());
        switch (type.kind()) {
            case DECIMAL -> builder.precision(type.precision()).scale(type.scale());
            case VARCHAR, CHAR -> {
                if (type.precision() != SqlType.UNBOUNDED) {
                    builder.precision(type.precision());
                }
            }
            case TIME, TIME_WITH_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> builder.scale(type.precision());
            default -> { }
        }
        return builder.build().getMetadataMap();
    }

    /** A nullable field for a value of this type; nested types get nested fields. */
    public static Field field(String name, SqlType type, Map<String, String> metadata) {
        Map<String, String> allMetadata = metadata;
        if (type.kind() == io.queryflux.engine.TypeKind.UUID) {
            allMetadata = new HashMap<>(metadata);
            allMetadata.put(EXTENSION_NAME, UUID_EXTENSION);
            allMetadata.put(EXTENSION_METADATA, "");
        }
        FieldType fieldType = new FieldType(true, arrowType(type), null, allMetadata.isEmpty() ? null : allMetadata);
        return new Field(name, fieldType, children(type));
    }

    private static List<Field> children(SqlType type) {
        return switch (type.kind()) {
            case ARRAY -> List.of(field("element", type.elementType(), Map.of()));
            case MAP -> {
                // Arrow's map layout: a non-null struct of a non-null key and a nullable value.
                Field key = new Field("key", new FieldType(false, arrowType(type.keyType()), null),
                        children(type.keyType()));
                Field value = field("value", type.valueType(), Map.of());
                yield List.of(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value)));
            }
            case ROW -> {
                List<Field> fields = new ArrayList<>(type.fields().size());
                for (int i = 0; i < type.fields().size(); i++) {
                    SqlType.Field f = type.fields().get(i);
                    fields.add(field(f.name().orElse("field" + i), f.type(), Map.of()));
                }
                yield fields;
            }
            default -> List.of();
        };
    }

    static ArrowType arrowType(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(),
                    type.precision() > DECIMAL128_MAX_PRECISION ? 256 : 128);
            case VARCHAR, CHAR, JSON, TIME_WITH_TIME_ZONE -> ArrowType.Utf8.INSTANCE;
            case VARBINARY -> ArrowType.Binary.INSTANCE;
            case UUID -> new ArrowType.FixedSizeBinary(16);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> {
                TimeUnit unit = timeUnit(type.precision());
                yield new ArrowType.Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
            }
            case TIMESTAMP -> new ArrowType.Timestamp(timeUnit(type.precision()), null);
            case TIMESTAMP_WITH_TIME_ZONE -> new ArrowType.Timestamp(timeUnit(type.precision()), "UTC");
            case INTERVAL_DAY_TO_SECOND -> new ArrowType.Interval(IntervalUnit.DAY_TIME);
            case INTERVAL_YEAR_TO_MONTH -> new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
            case ARRAY -> ArrowType.List.INSTANCE;
            case MAP -> new ArrowType.Map(false);
            case ROW -> ArrowType.Struct.INSTANCE;
            case UNKNOWN -> ArrowType.Null.INSTANCE;
        };
    }

    private static TimeUnit timeUnit(int precision) {
        if (precision <= 0) {
            return TimeUnit.SECOND;
        }
        if (precision <= 3) {
            return TimeUnit.MILLISECOND;
        }
        return precision <= 6 ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
    }
}
