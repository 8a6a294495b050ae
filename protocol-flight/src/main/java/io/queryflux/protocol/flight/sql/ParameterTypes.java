package io.queryflux.protocol.flight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The parameter schema of a prepared statement. The engine SPI cannot describe parameters, so a
 * parameter's type is read from an explicit cast around it ({@code CAST(? AS INTEGER)} or
 * {@code ?::DATE}); any other parameter is declared Utf8, which the engine then casts from its
 * text. Clients such as the Flight SQL JDBC driver bind values by the declared type, so a JDBC
 * caller uses {@code setString} for an undeclared parameter and the typed setter for a cast one.
 * Values bound through DoPut may come in any Arrow type, whatever was declared.
 */
public final class ParameterTypes {
    private static final Pattern POSTGRES_CAST = Pattern.compile("(?i)^\\s*::\\s*(" + typeName() + ")");
    private static final Pattern CAST_OPEN = Pattern.compile("(?i)\\bCAST\\s*\\(\\s*$");
    private static final Pattern CAST_AS = Pattern.compile("(?i)^\\s*AS\\s+(" + typeName() + ")");
    private static final Pattern DECIMAL = Pattern.compile("(?i)(DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private ParameterTypes() {}

    private static String typeName() {
        return "[A-Za-z_][A-Za-z0-9_]*(?:\\s+(?:WITH|WITHOUT)\\s+TIME\\s+ZONE)?(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?";
    }

    public static Schema of(SqlText text) {
        List<Field> fields = new ArrayList<>(text.parameterCount());
        for (int i = 0; i < text.parameterCount(); i++) {
            ArrowType type = declaredCast(text, i).flatMap(ParameterTypes::arrowType).orElse(ArrowType.Utf8.INSTANCE);
            fields.add(new Field("parameter_" + (i + 1), FieldType.nullable(type), List.of()));
        }
        return new Schema(fields);
    }

    private static Optional<String> declaredCast(SqlText text, int index) {
        Matcher postgres = POSTGRES_CAST.matcher(text.textAfter(index));
        if (postgres.find()) {
            return Optional.of(postgres.group(1));
        }
        if (CAST_OPEN.matcher(text.textBefore(index)).find()) {
            Matcher as = CAST_AS.matcher(text.textAfter(index));
            if (as.find()) {
                return Optional.of(as.group(1));
            }
        }
        return Optional.empty();
    }

    static Optional<ArrowType> arrowType(String sqlType) {
        String name = sqlType.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(2));
            int scale = decimal.group(3) == null ? 0 : Integer.parseInt(decimal.group(3));
            return Optional.of(new ArrowType.Decimal(precision, scale, precision > 38 ? 256 : 128));
        }
        String base = name.replaceAll("\\s*\\(.*\\)", "");
        return Optional.ofNullable(switch (base) {
            case "BOOLEAN", "BOOL" -> ArrowType.Bool.INSTANCE;
            case "TINYINT", "INT1" -> new ArrowType.Int(8, true);
            case "SMALLINT", "INT2" -> new ArrowType.Int(16, true);
            case "INTEGER", "INT", "INT4" -> new ArrowType.Int(32, true);
            case "BIGINT", "INT8" -> new ArrowType.Int(64, true);
            case "REAL", "FLOAT4", "FLOAT" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "VARCHAR", "TEXT", "STRING", "CHAR" -> ArrowType.Utf8.INSTANCE;
            case "VARBINARY", "BLOB", "BYTEA" -> ArrowType.Binary.INSTANCE;
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            case "TIME" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            default -> null;
        });
    }
}
