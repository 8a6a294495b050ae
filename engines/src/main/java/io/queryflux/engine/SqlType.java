package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A SQL type in the result model.
 *
 * <p>Values a {@link ResultCursor} returns for each kind, so every frontend can encode them
 * without guessing: boolean {@code Boolean}; tinyint {@code Byte}; smallint {@code Short};
 * integer {@code Integer}; bigint {@code Long}; real {@code Float}; double {@code Double};
 * decimal {@code BigDecimal}; varchar, char and json {@code String}; varbinary {@code byte[]};
 * date {@code LocalDate}; time {@code LocalTime}; time with time zone {@code OffsetTime};
 * timestamp {@code LocalDateTime}; timestamp with time zone {@code OffsetDateTime} (or
 * {@code ZonedDateTime} when the engine gives a zone id); interval day to second
 * {@code Duration}; interval year to month {@code Period}; uuid {@code UUID}; array
 * {@code List<Object>}; map {@code Map<Object, Object>}; row {@code List<Object>} in field
 * order. SQL NULL is Java {@code null}.
 *
 * @param kind the type family
 * @param precision decimal precision, varchar/char length ({@link #UNBOUNDED} if none), or
 *     fractional-second digits of time and timestamp types; 0 where it has no meaning
 * @param scale decimal scale; 0 otherwise
 * @param fields the element type of an array, the key and value types of a map, or the fields
 *     of a row; empty otherwise
 */
public record SqlType(TypeKind kind, int precision, int scale, List<Field> fields) {
    public static final int UNBOUNDED = -1;

    public static final SqlType BOOLEAN = simple(TypeKind.BOOLEAN);
    public static final SqlType TINYINT = simple(TypeKind.TINYINT);
    public static final SqlType SMALLINT = simple(TypeKind.SMALLINT);
    public static final SqlType INTEGER = simple(TypeKind.INTEGER);
    public static final SqlType BIGINT = simple(TypeKind.BIGINT);
    public static final SqlType REAL = simple(TypeKind.REAL);
    public static final SqlType DOUBLE = simple(TypeKind.DOUBLE);
    public static final SqlType VARCHAR = new SqlType(TypeKind.VARCHAR, UNBOUNDED, 0, List.of());
    public static final SqlType VARBINARY = simple(TypeKind.VARBINARY);
    public static final SqlType DATE = simple(TypeKind.DATE);
    public static final SqlType JSON = simple(TypeKind.JSON);
    public static final SqlType UUID = simple(TypeKind.UUID);
    public static final SqlType UNKNOWN = simple(TypeKind.UNKNOWN);
    public static final SqlType INTERVAL_DAY_TO_SECOND = simple(TypeKind.INTERVAL_DAY_TO_SECOND);
    public static final SqlType INTERVAL_YEAR_TO_MONTH = simple(TypeKind.INTERVAL_YEAR_TO_MONTH);

    /** A named (row) or unnamed (array element, map key or value) component type. */
    public record Field(Optional<String> name, SqlType type) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }

        public static Field of(SqlType type) {
            return new Field(Optional.empty(), type);
        }

        public static Field named(String name, SqlType type) {
            return new Field(Optional.of(name), type);
        }
    }

    public SqlType {
        requireNonNull(kind, "kind is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    private static SqlType simple(TypeKind kind) {
        return new SqlType(kind, 0, 0, List.of());
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(TypeKind.DECIMAL, precision, scale, List.of());
    }

    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length, 0, List.of());
    }

    public static SqlType chars(int length) {
        return new SqlType(TypeKind.CHAR, length, 0, List.of());
    }

    public static SqlType time(int precision) {
        return new SqlType(TypeKind.TIME, precision, 0, List.of());
    }

    public static SqlType timeWithTimeZone(int precision) {
        return new SqlType(TypeKind.TIME_WITH_TIME_ZONE, precision, 0, List.of());
    }

    public static SqlType timestamp(int precision) {
        return new SqlType(TypeKind.TIMESTAMP, precision, 0, List.of());
    }

    public static SqlType timestampWithTimeZone(int precision) {
        return new SqlType(TypeKind.TIMESTAMP_WITH_TIME_ZONE, precision, 0, List.of());
    }

    public static SqlType array(SqlType element) {
        return new SqlType(TypeKind.ARRAY, 0, 0, List.of(Field.of(element)));
    }

    public static SqlType map(SqlType key, SqlType value) {
        return new SqlType(TypeKind.MAP, 0, 0, List.of(Field.of(key), Field.of(value)));
    }

    public static SqlType row(List<Field> fields) {
        return new SqlType(TypeKind.ROW, 0, 0, fields);
    }

    /** The element type of an array. */
    public SqlType elementType() {
        return componentOf(TypeKind.ARRAY, 0);
    }

    public SqlType keyType() {
        return componentOf(TypeKind.MAP, 0);
    }

    public SqlType valueType() {
        return componentOf(TypeKind.MAP, 1);
    }

    private SqlType componentOf(TypeKind expected, int index) {
        if (kind != expected) {
            throw new IllegalStateException(this + " is not " + expected.trinoName());
        }
        return fields.get(index).type();
    }

    /** The full type name as Trino prints it, e.g. {@code decimal(10,2)} or {@code row(a integer)}. */
    public String trinoName() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case VARCHAR, CHAR -> precision == UNBOUNDED ? kind.trinoName() : kind.trinoName() + "(" + precision + ")";
            case TIME, TIMESTAMP -> kind.trinoName() + "(" + precision + ")";
            case TIME_WITH_TIME_ZONE -> "time(" + precision + ") with time zone";
            case TIMESTAMP_WITH_TIME_ZONE -> "timestamp(" + precision + ") with time zone";
            case ARRAY -> "array(" + elementType().trinoName() + ")";
            case MAP -> "map(" + keyType().trinoName() + ", " + valueType().trinoName() + ")";
            case ROW -> fields.stream()
                    .map(f -> f.name().map(n -> quoteFieldName(n) + " ").orElse("") + f.type().trinoName())
                    .collect(Collectors.joining(", ", "row(", ")"));
            default -> kind.trinoName();
        };
    }

    private static String quoteFieldName(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return trinoName();
    }
}
