package io.queryflux.protocol.pg.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.CursorRows;
import io.queryflux.engine.QueryException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncpgTypeIntrospectionTest {
    private static final String QUERY = "WITH RECURSIVE typeinfo_tree(oid, ns, name, kind, basetype, elemtype, elemdelim,"
            + " range_subtype, attrtypoids, attrnames, depth) AS (SELECT ... WHERE ti.oid = any(%s::oid[]) ...)"
            + " SELECT DISTINCT *, range_subtype::regtype::text AS range_subtype_name FROM typeinfo_tree ORDER BY depth DESC";

    @Test
    void arraysComeWithTheirElementsDeepestFirst() throws QueryException {
        String bound = QUERY.formatted("CAST(ARRAY[1016, 23, 1015, 99999] AS OID[])");
        assertTrue(AsyncpgTypeIntrospection.matches(bound));
        List<List<Object>> rows = CursorRows.readAll(AsyncpgTypeIntrospection.answer(bound));
        assertEquals(List.of(
                Arrays.asList(20L, "pg_catalog", "int8", "b", null, 0L, null, null, null, null, 1, null, "-", null),
                Arrays.asList(1043L, "pg_catalog", "varchar", "b", null, 0L, null, null, null, null, 1, null, "-", null),
                Arrays.asList(1016L, "pg_catalog", "_int8", "b", null, 20L, ",", null, null, null, 0, null, "int8", null),
                Arrays.asList(23L, "pg_catalog", "int4", "b", null, 0L, null, null, null, null, 0, null, "-", null),
                Arrays.asList(1015L, "pg_catalog", "_varchar", "b", null, 1043L, ",", null, null, null, 0, null, "varchar",
                        null)), rows, "99999, a type the proxy does not know, has no row");
        assertEquals(List.of(), CursorRows.readAll(AsyncpgTypeIntrospection.answer(QUERY.formatted("NULL"))),
                "Describe's probe, bound with NULL");
        assertFalse(AsyncpgTypeIntrospection.matches("SELECT typname FROM pg_type"));
    }
}
