package io.queryflux.protocol.pg.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterCastsTest {
    @Test
    void castsTypeTheParametersTheClientLeftOpen() {
        String sql = "SELECT $1::int, CAST($2 AS timestamp with time zone), $3::numeric(10, 2), $4::varchar(20), $5";
        assertEquals(List.of(PgType.INT4.oid(), PgType.TIMESTAMPTZ.oid(), PgType.NUMERIC.oid(), PgType.VARCHAR.oid(), 0),
                ParameterCasts.complete(sql, List.of(), 5));
        assertEquals(List.of(PgType.INT8.oid(), PgType.TIMESTAMPTZ.oid(), PgType.NUMERIC.oid(), PgType.VARCHAR.oid(), 0),
                ParameterCasts.complete(sql, List.of(PgType.INT8.oid()), 5), "a declared type stays");
    }

    @Test
    void arrayCastsGiveArrayTypes() {
        String sql = "SELECT * FROM t WHERE id = ANY($1::int[]) AND tag = ANY(CAST($2 AS text [ ])) AND m = $3::int8[3][]"
                + " AND x = $4::jsonb[] AND y = $5::int";
        assertEquals(List.of(PgType.INT4.arrayOid(), PgType.TEXT.arrayOid(), PgType.INT8.arrayOid(), 0, PgType.INT4.oid()),
                ParameterCasts.complete(sql, List.of(), 5));
    }
}
