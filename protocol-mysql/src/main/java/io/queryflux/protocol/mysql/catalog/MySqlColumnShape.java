package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as MySQL's information_schema.COLUMNS spells it ({@code DATA_TYPE},
 * {@code COLUMN_TYPE}, lengths), derived from the type name an engine reports: DuckDB and Trino
 * names ({@code INTEGER}, {@code DECIMAL(9,2)}, {@code timestamp(3) with time zone}), PostgreSQL
 * names and MySQL's own (MariaDB, StarRocks), so drivers map it to the same JDBC type as the
 * column definitions of a result set.
 */
record MySqlColumnShape(String dataType, String columnType, Long characterMaximumLength, Long numericPrecision,
        Long numericScale, Long datetimePrecision) {
    /** What an unbounded string is announced as: VARCHAR, as in result column definitions. */
    static final long UNBOUNDED_VARCHAR = 65535;

    private static final Pattern PARAMETERS = Pattern.compile("^([a-z_ ]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(.*)$");

    MySqlColumnShape {
        requireNonNull(dataType, "dataType is null");
        requireNonNull(columnType, "columnType is null");
    }

    boolean textual() {
        return characterMaximumLength != null && !dataType.endsWith("blob") && !dataType.endsWith("binary");
    }

    /**
     * @param engineType the engine's data_type
     * @param length the engine's character_maximum_length, when it reports one
     * @param precision the engine's numeric_precision (or datetime precision for time types)
     * @param scale the engine's numeric_scale
     */
    static MySqlColumnShape of(String engineType, Long length, Long precision, Long scale) {
        String name = engineType.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith("]") || name.startsWith("array") || name.startsWith("map") || name.startsWith("struct")
                || name.startsWith("row") || name.startsWith("union") || name.equals("json") || name.equals("jsonb")) {
            return plain("json");
        }
        Matcher m = PARAMETERS.matcher(name);
        if (!m.matches()) {
            return text();
        }
        String base = m.group(1).trim();
        Long p1 = m.group(2) == null ? null : Long.parseLong(m.group(2));
        Long p2 = m.group(3) == null ? null : Long.parseLong(m.group(3));
        boolean withZone = m.group(4).contains("with time zone") || base.endsWith("with time zone");
        base = base.replace(" without time zone", "").replace(" with time zone", "");
        return switch (base) {
            case "boolean", "bool" -> new MySqlColumnShape("tinyint", "tinyint(1)", null, 3L, 0L, null);
            case "tinyint", "int1" -> integer("tinyint", 3);
            case "utinyint", "tinyint unsigned" -> integer("tinyint unsigned", 3);
            case "smallint", "int2", "short" -> integer("smallint", 5);
            case "usmallint", "smallint unsigned" -> integer("smallint unsigned", 5);
            case "mediumint" -> integer("mediumint", 7);
            case "integer", "int", "int4", "signed" -> integer("int", 10);
            case "uinteger", "int unsigned", "integer unsigned" -> integer("int unsigned", 10);
            case "bigint", "int8", "long" -> integer("bigint", 19);
            case "ubigint", "bigint unsigned" -> integer("bigint unsigned", 20);
            case "hugeint", "uhugeint", "largeint" -> decimal(38L, 0L);
            case "real", "float", "float4" -> new MySqlColumnShape("float", "float", null, 12L, null, null);
            case "double", "double precision", "float8" -> new MySqlColumnShape("double", "double", null, 22L, null,
                    null);
            case "decimal", "numeric", "dec" -> decimal(p1 != null ? p1 : precision != null ? precision : 18L,
                    p2 != null ? p2 : scale != null ? scale : p1 != null ? 0L : 3L);
            case "char", "character", "bpchar", "nchar" -> {
                long n = p1 != null ? p1 : length != null ? length : 1;
                yield new MySqlColumnShape("char", "char(" + n + ")", n, null, null, null);
            }
            case "varchar", "character varying", "nvarchar", "string" -> {
                Long n = p1 != null ? p1 : length;
                yield n == null || n <= 0 || n > UNBOUNDED_VARCHAR ? text()
                        : new MySqlColumnShape("varchar", "varchar(" + n + ")", n, null, null, null);
            }
            case "text", "tinytext", "mediumtext", "longtext", "enum", "set" -> new MySqlColumnShape(base, base,
                    length != null ? length : UNBOUNDED_VARCHAR, null, null, null);
            case "uuid" -> new MySqlColumnShape("char", "char(36)", 36L, null, null, null);
            case "blob", "bytea", "tinyblob", "mediumblob", "longblob" -> new MySqlColumnShape(
                    base.endsWith("blob") ? base : "blob", base.endsWith("blob") ? base : "blob", UNBOUNDED_VARCHAR,
                    null, null, null);
            case "varbinary", "binary" -> {
                Long n = p1 != null ? p1 : length;
                yield n == null ? new MySqlColumnShape("blob", "blob", UNBOUNDED_VARCHAR, null, null, null)
                        : new MySqlColumnShape(base, base + "(" + n + ")", n, null, null, null);
            }
            case "date" -> plain("date");
            case "year" -> plain("year");
            case "time" -> temporal("time", p1, precision);
            case "datetime", "timestamp", "timestamp_s", "timestamp_ms", "timestamp_ns", "timestamp_us" ->
                    withZone || name.equals("timestamptz") ? temporal("timestamp", p1, precision)
                            : temporal("datetime", p1, precision);
            case "timestamptz" -> temporal("timestamp", p1, precision);
            case "bit" -> new MySqlColumnShape("bit", "bit(" + (p1 != null ? p1 : 1) + ")", null,
                    p1 != null ? p1 : 1L, null, null);
            default -> text();
        };
    }

    private static MySqlColumnShape integer(String type, long digits) {
        return new MySqlColumnShape(type.replace(" unsigned", ""), type, null, digits, 0L, null);
    }

    private static MySqlColumnShape decimal(Long precision, Long scale) {
        long p = Math.min(65, precision);
        long s = Math.min(30, Math.min(p, scale));
        return new MySqlColumnShape("decimal", "decimal(" + p + "," + s + ")", null, p, s, null);
    }

    private static MySqlColumnShape temporal(String type, Long declared, Long reported) {
        long fraction = Math.min(6, declared != null ? declared : reported != null ? reported : 0);
        return new MySqlColumnShape(type, fraction > 0 ? type + "(" + fraction + ")" : type, null, null, null, fraction);
    }

    private static MySqlColumnShape plain(String type) {
        return new MySqlColumnShape(type, type, type.equals("json") ? UNBOUNDED_VARCHAR : null, null, null, null);
    }

    private static MySqlColumnShape text() {
        return new MySqlColumnShape("varchar", "varchar(" + UNBOUNDED_VARCHAR + ")", UNBOUNDED_VARCHAR, null, null,
                null);
    }
}
