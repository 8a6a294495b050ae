package io.queryflux.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.queryflux.engine.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps the {@code typeSignature} of a Trino result column to the result model. Trino sends it
 * as a tree ({@code rawType} plus {@code arguments} of kind LONG, TYPE or NAMED_TYPE), so no
 * type name is parsed. Types the model has no exact Java class for (timestamps and times with
 * more than nine fractional digits, ipaddress, HyperLogLog, Geometry, ...) become varchar and
 * carry Trino's own text.
 */
final class TrinoTypes {
    /** Java time classes hold nanoseconds; Trino goes to picoseconds. */
    static final int MAX_JAVA_TIME_PRECISION = 9;
    /** The length Trino gives an unbounded varchar. */
    private static final long TRINO_UNBOUNDED_VARCHAR = Integer.MAX_VALUE;

    private TrinoTypes() {}

    static SqlType fromSignature(JsonNode signature) {
        String rawType = signature.path("rawType").asText();
        JsonNode arguments = signature.path("arguments");
        return switch (rawType) {
            case "boolean" -> SqlType.BOOLEAN;
            case "tinyint" -> SqlType.TINYINT;
            case "smallint" -> SqlType.SMALLINT;
            case "integer" -> SqlType.INTEGER;
            case "bigint" -> SqlType.BIGINT;
            case "real" -> SqlType.REAL;
            case "double" -> SqlType.DOUBLE;
            case "decimal" -> SqlType.decimal(longArgument(arguments, 0), longArgument(arguments, 1));
            case "varchar" -> varcharOf(arguments);
            case "char" -> SqlType.chars(longArgument(arguments, 0));
            case "varbinary" -> SqlType.VARBINARY;
            case "date" -> SqlType.DATE;
            case "time" -> temporal(arguments, SqlType.time(precisionOf(arguments)));
            case "time with time zone" -> temporal(arguments, SqlType.timeWithTimeZone(precisionOf(arguments)));
            case "timestamp" -> temporal(arguments, SqlType.timestamp(precisionOf(arguments)));
            case "timestamp with time zone" -> temporal(arguments, SqlType.timestampWithTimeZone(precisionOf(arguments)));
            case "interval day to second" -> SqlType.INTERVAL_DAY_TO_SECOND;
            case "interval year to month" -> SqlType.INTERVAL_YEAR_TO_MONTH;
            case "json" -> SqlType.JSON;
            case "uuid" -> SqlType.UUID;
            case "unknown" -> SqlType.UNKNOWN;
            case "array" -> SqlType.array(fromSignature(typeArgument(arguments, 0)));
            case "map" -> SqlType.map(fromSignature(typeArgument(arguments, 0)), fromSignature(typeArgument(arguments, 1)));
            case "row" -> SqlType.row(rowFields(arguments));
            default -> SqlType.VARCHAR; // ipaddress, HyperLogLog, Geometry, color, ...: Trino's text
        };
    }

    private static SqlType varcharOf(JsonNode arguments) {
        if (arguments.isEmpty() || arguments.get(0).path("value").asLong() >= TRINO_UNBOUNDED_VARCHAR) {
            return SqlType.VARCHAR;
        }
        return SqlType.varchar(longArgument(arguments, 0));
    }

    /** Trino sends no precision to clients that lack PARAMETRIC_DATETIME; the engine always has it. */
    private static int precisionOf(JsonNode arguments) {
        return arguments.isEmpty() ? 3 : longArgument(arguments, 0);
    }

    private static SqlType temporal(JsonNode arguments, SqlType type) {
        return precisionOf(arguments) > MAX_JAVA_TIME_PRECISION ? SqlType.VARCHAR : type;
    }

    private static int longArgument(JsonNode arguments, int index) {
        JsonNode argument = arguments.get(index);
        if (argument == null || !"LONG".equals(argument.path("kind").asText())) {
            throw new IllegalArgumentException("Expected a numeric type argument at " + index + " in " + arguments);
        }
        return Math.toIntExact(argument.path("value").asLong());
    }

    private static JsonNode typeArgument(JsonNode arguments, int index) {
        JsonNode argument = arguments.get(index);
        if (argument == null || !"TYPE".equals(argument.path("kind").asText())) {
            throw new IllegalArgumentException("Expected a type argument at " + index + " in " + arguments);
        }
        return argument.path("value");
    }

    private static List<SqlType.Field> rowFields(JsonNode arguments) {
        List<SqlType.Field> fields = new ArrayList<>(arguments.size());
        for (JsonNode argument : arguments) {
            JsonNode value = argument.path("value");
            Optional<String> name = Optional.ofNullable(value.path("fieldName").path("name").textValue());
            fields.add(new SqlType.Field(name, fromSignature(value.path("typeSignature"))));
        }
        return fields;
    }
}
