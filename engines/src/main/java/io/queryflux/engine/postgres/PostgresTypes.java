package io.queryflux.engine.postgres;

import io.queryflux.engine.SqlType;
import java.util.Locale;

/** PostgreSQL type names (as pgjdbc reports them) in the result model. */
final class PostgresTypes {
    private PostgresTypes() {}

    static SqlType sqlType(String typeName, int precision, int scale) {
        String name = typeName.toLowerCase(Locale.ROOT).replace("\"", "");
        if (name.startsWith("_")) {
            return SqlType.array(sqlType(name.substring(1), 0, 0));
        }
        return switch (name) {
            case "bool" -> SqlType.BOOLEAN;
            case "int2" -> SqlType.SMALLINT;
            case "int4", "serial" -> SqlType.INTEGER;
            case "int8", "bigserial", "oid" -> SqlType.BIGINT; // an oid is unsigned: past 2^31 it is no int4
            case "float4" -> SqlType.REAL;
            case "float8" -> SqlType.DOUBLE;
            // An unconstrained numeric reports precision 0 (pgjdbc: 1000 in newer versions).
            case "numeric" -> precision > 0 && precision <= 1000 ? SqlType.decimal(precision, Math.max(scale, 0))
                    : SqlType.decimal(38, 0);
            case "varchar" -> precision > 0 && precision < Integer.MAX_VALUE ? SqlType.varchar(precision)
                    : SqlType.VARCHAR;
            case "bpchar" -> precision > 0 && precision < Integer.MAX_VALUE ? SqlType.chars(precision)
                    : SqlType.chars(1);
            case "bytea" -> SqlType.VARBINARY;
            case "date" -> SqlType.DATE;
            case "time" -> SqlType.time(6);
            case "timetz" -> SqlType.timeWithTimeZone(6);
            case "timestamp" -> SqlType.timestamp(6);
            case "timestamptz" -> SqlType.timestampWithTimeZone(6);
            case "uuid" -> SqlType.UUID;
            case "json", "jsonb" -> SqlType.JSON;
            default -> SqlType.VARCHAR; // text, name, interval, inet, xml, enums ...: their text form
        };
    }
}
