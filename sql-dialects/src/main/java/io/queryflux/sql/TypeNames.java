package io.queryflux.sql;

import java.util.List;
import java.util.Locale;

import net.sf.jsqlparser.statement.create.table.ColDataType;

/** Maps the type names of casts to the target's spelling. */
final class TypeNames {
    private TypeNames() {}

    /** {@code INTEGER[]} in PostgreSQL and DuckDB, {@code ARRAY(INTEGER)} in Trino; MySQL has none. */
    private static String arrayForTarget(ColDataType type, int dimensions, Dialect target) {
        ColDataType element = new ColDataType(type.getDataType());
        element.setArgumentsStringList(type.getArgumentsStringList());
        String name = forTarget(element, target);
        return switch (target.family()) {
            case TRINO -> "ARRAY(".repeat(dimensions) + name + ")".repeat(dimensions);
            case MYSQL -> throw new Untranslatable("array type " + type, "MySQL has no array types");
            default -> name + "[]".repeat(dimensions);
        };
    }

    static String forTarget(ColDataType type, Dialect target) {
        List<Integer> dimensions = type.getArrayData();
        if (dimensions != null && !dimensions.isEmpty()) {
            return arrayForTarget(type, dimensions.size(), target);
        }
        String name = type.getDataType().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<String> args = type.getArgumentsStringList();
        String suffix = args == null || args.isEmpty() ? "" : "(" + String.join(", ", args) + ")";
        Dialect t = target.family();
        return switch (name) {
            case "int", "int4", "integer" -> t == Dialect.MYSQL ? "SIGNED" : "INTEGER";
            case "int8", "bigint", "signed", "signed integer" -> t == Dialect.MYSQL ? "SIGNED" : "BIGINT";
            case "int2", "smallint" -> t == Dialect.MYSQL ? "SIGNED" : "SMALLINT";
            case "unsigned", "unsigned integer" -> t == Dialect.MYSQL ? "UNSIGNED" : "BIGINT";
            case "float8", "double", "double precision" -> switch (t) {
                case POSTGRES -> "double precision";
                case MYSQL -> "DOUBLE";
                default -> "DOUBLE";
            };
            case "float4", "real", "float" -> t == Dialect.MYSQL ? "FLOAT" : "REAL";
            // An unparameterised PostgreSQL numeric is arbitrary precision; Trino's bare decimal
            // means decimal(38,0), which would drop every fraction, so a scale is given.
            case "numeric", "decimal" -> suffix.isEmpty()
                    ? (t == Dialect.POSTGRES ? "numeric" : "DECIMAL(38, 10)")
                    : "DECIMAL" + suffix;
            case "text", "varchar", "string", "char", "character varying", "bpchar" -> switch (t) {
                case MYSQL -> "CHAR";
                case POSTGRES -> "text";
                default -> "VARCHAR";
            };
            case "datetime", "timestamp", "timestamp without time zone" -> t == Dialect.MYSQL ? "DATETIME" : "TIMESTAMP";
            case "timestamptz", "timestamp with time zone" -> switch (t) {
                case DUCKDB -> "TIMESTAMPTZ";
                case POSTGRES -> "timestamptz";
                case MYSQL -> "DATETIME";
                default -> "TIMESTAMP WITH TIME ZONE";
            };
            case "json", "jsonb" -> t == Dialect.POSTGRES ? "jsonb" : "JSON";
            case "bool", "boolean" -> {
                if (t == Dialect.MYSQL) {
                    throw new Untranslatable("CAST AS BOOLEAN", "MySQL has no boolean cast");
                }
                yield "BOOLEAN";
            }
            default -> type.toString();
        };
    }

    static boolean isIntegerType(ColDataType type) {
        String name = type.getDataType().trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "int", "int2", "int4", "int8", "integer", "bigint", "smallint", "tinyint", "signed",
                 "signed integer", "unsigned", "unsigned integer" -> true;
            default -> false;
        };
    }
}
