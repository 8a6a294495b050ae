package io.queryflux.protocol.flight.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void findsPlaceholdersOutsideQuotesAndComments() {
        SqlText text = SqlText.of("SELECT '?', \"a?\", ? -- what?\n, /* ? */ ? ;");
        assertEquals(2, text.parameterCount());
        assertEquals("SELECT '?', \"a?\", 1 -- what?\n, /* ? */ 'x''y'", text.bind(List.of("1", SqlLiterals.string("x'y"))));
    }

    @Test
    void classifiesStatements() {
        assertTrue(SqlText.of("  (SELECT 1)").returnsRows());
        assertTrue(SqlText.of("/* hi */ WITH x AS (SELECT 1) SELECT * FROM x").wrappable());
        assertTrue(SqlText.of("SHOW TABLES").returnsRows());
        assertFalse(SqlText.of("SHOW TABLES").wrappable());
        assertFalse(SqlText.of("INSERT INTO t VALUES (1)").returnsRows());
    }

    @Test
    void describeKeepsATrailingLineCommentInside() {
        assertEquals("SELECT * FROM (\nSELECT NULL -- c\n) AS queryflux_describe LIMIT 0",
                SqlText.of("SELECT ? -- c").describeQuery());
    }

    @Test
    void readsParameterTypesFromCasts() {
        List<ArrowType> types = ParameterTypes.of(SqlText.of(
                "SELECT CAST(? AS BIGINT), ?::DECIMAL(10, 2), ?::timestamp with time zone, ?")).getFields().stream()
                .map(f -> f.getType()).toList();
        assertEquals(new ArrowType.Int(64, true), types.get(0));
        assertEquals(new ArrowType.Decimal(10, 2, 128), types.get(1));
        assertEquals(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC"), types.get(2));
        assertEquals(ArrowType.Utf8.INSTANCE, types.get(3));
    }
}
