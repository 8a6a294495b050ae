package io.queryflux.protocol.pg.types;

import io.queryflux.engine.SqlType;
import io.queryflux.engine.TypeKind;

/**
 * How a result-model type appears in a RowDescription: its OID, size and type modifier.
 *
 * @param oid the PostgreSQL type OID
 * @param size pg_type.typlen
 * @param modifier the atttypmod: varchar length + 4, numeric ((precision << 16) | scale) + 4,
 *     time precision; -1 when none
 */
public record PgColumnType(int oid, int size, int modifier) {
    public static PgColumnType of(SqlType type) {
        return switch (type.kind()) {
            case DECIMAL -> new PgColumnType(PgType.NUMERIC.oid(), -1, ((type.precision() << 16) | type.scale()) + 4);
            case VARCHAR -> new PgColumnType(PgType.VARCHAR.oid(), -1,
                    type.precision() == SqlType.UNBOUNDED ? -1 : type.precision() + 4);
            case CHAR -> new PgColumnType(PgType.BPCHAR.oid(), -1,
                    type.precision() == SqlType.UNBOUNDED ? -1 : type.precision() + 4);
            case TIME, TIME_WITH_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> {
                PgType pg = baseType(type);
                yield new PgColumnType(pg.oid(), pg.length(), Math.min(type.precision(), 6));
            }
            case ARRAY -> new PgColumnType(arrayOid(type.elementType()), -1, -1);
            default -> {
                PgType pg = baseType(type);
                yield new PgColumnType(pg.oid(), pg.length(), -1);
            }
        };
    }

    /** The scalar PostgreSQL type a result-model type is sent as (arrays: their element's). */
    public static PgType baseType(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> PgType.BOOL;
            case TINYINT, SMALLINT -> PgType.INT2;
            case INTEGER -> PgType.INT4;
            case BIGINT -> PgType.INT8;
            case REAL -> PgType.FLOAT4;
            case DOUBLE -> PgType.FLOAT8;
            case DECIMAL -> PgType.NUMERIC;
            case VARCHAR -> PgType.VARCHAR;
            case CHAR -> PgType.BPCHAR;
            case VARBINARY -> PgType.BYTEA;
            case DATE -> PgType.DATE;
            case TIME -> PgType.TIME;
            case TIME_WITH_TIME_ZONE -> PgType.TIMETZ;
            case TIMESTAMP -> PgType.TIMESTAMP;
            case TIMESTAMP_WITH_TIME_ZONE -> PgType.TIMESTAMPTZ;
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> PgType.INTERVAL;
            case JSON -> PgType.JSON;
            case UUID -> PgType.UUID;
            // PostgreSQL has no map; rows and maps are sent as their text rendering.
            case MAP, ROW, UNKNOWN, ARRAY -> PgType.TEXT;
        };
    }

    private static int arrayOid(SqlType element) {
        // Nested arrays are sent as arrays of their text rendering.
        return element.kind() == TypeKind.ARRAY ? PgType.TEXT.arrayOid() : baseType(element).arrayOid();
    }
}
