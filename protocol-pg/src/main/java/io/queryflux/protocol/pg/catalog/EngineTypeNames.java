package io.queryflux.protocol.pg.catalog;

import io.queryflux.protocol.pg.types.PgColumnType;
import io.queryflux.protocol.pg.types.PgType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the {@code data_type} strings of information_schema.columns (DuckDB, PostgreSQL and
 * Trino spellings) to the PostgreSQL type and modifier pg_attribute reports.
 */
final class EngineTypeNames {
    private static final Pattern PARAMS = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");

    private EngineTypeNames() {}

    static PgColumnType toPg(String dataType) {
        String t = dataType.toLowerCase(Locale.ROOT).strip();
        if (t.endsWith("[]") || t.startsWith("array(") || t.startsWith("array<") || t.equals("array")) {
            String element = t.endsWith("[]") ? t.substring(0, t.length() - 2)
                    : t.startsWith("array(") ? t.substring(6, t.length() - 1) : "text";
            int elementOid = toPg(element).oid();
            int arrayOid = PgType.byOid(elementOid).map(PgType::arrayOid).filter(o -> o != 0)
                    .orElse(PgType.TEXT.arrayOid());
            return new PgColumnType(arrayOid, -1, -1);
        }
        Matcher params = PARAMS.matcher(t);
        Integer first = null;
        Integer second = null;
        if (params.find()) {
            first = Integer.valueOf(params.group(1));
            second = params.group(2) == null ? null : Integer.valueOf(params.group(2));
        }
        String base = t.replaceAll("\\(.*?\\)", "").replaceAll("\\s+", " ").strip();
        boolean withZone = base.contains("with time zone") || base.endsWith("tz");
        if (base.startsWith("decimal") || base.startsWith("numeric")) {
            int modifier = first == null ? -1 : ((first << 16) | (second == null ? 0 : second)) + 4;
            return new PgColumnType(PgType.NUMERIC.oid(), -1, modifier);
        }
        if (base.startsWith("varchar") || base.startsWith("character varying") || base.equals("string")) {
            return new PgColumnType(PgType.VARCHAR.oid(), -1, first == null ? -1 : first + 4);
        }
        if (base.equals("char") || base.equals("character") || base.equals("bpchar")) {
            return new PgColumnType(PgType.BPCHAR.oid(), -1, first == null ? 5 : first + 4);
        }
        if (base.startsWith("timestamp") || base.equals("datetime")) {
            return withZone ? simple(PgType.TIMESTAMPTZ) : simple(PgType.TIMESTAMP);
        }
        if (base.startsWith("time")) {
            return withZone ? simple(PgType.TIMETZ) : simple(PgType.TIME);
        }
        PgType type = switch (base) {
            case "boolean", "bool" -> PgType.BOOL;
            case "tinyint", "smallint", "int2", "utinyint", "int1" -> PgType.INT2;
            case "integer", "int", "int4", "usmallint", "signed" -> PgType.INT4;
            case "bigint", "int8", "uinteger", "long" -> PgType.INT8;
            case "hugeint", "ubigint", "uhugeint" -> PgType.NUMERIC;
            case "real", "float4", "float" -> PgType.FLOAT4;
            case "double", "double precision", "float8" -> PgType.FLOAT8;
            case "text" -> PgType.TEXT;
            case "blob", "bytea", "varbinary", "binary" -> PgType.BYTEA;
            case "date" -> PgType.DATE;
            case "interval" -> PgType.INTERVAL;
            case "uuid" -> PgType.UUID;
            case "json" -> PgType.JSON;
            case "jsonb" -> PgType.JSONB;
            default -> PgType.TEXT;
        };
        return simple(type);
    }

    private static PgColumnType simple(PgType type) {
        return new PgColumnType(type.oid(), type.length(), -1);
    }
}
