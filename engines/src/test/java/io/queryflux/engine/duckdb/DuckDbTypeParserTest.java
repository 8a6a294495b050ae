package io.queryflux.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DuckDbTypeParserTest {
    private static void assertParses(String duckDb, String trino) {
        assertEquals(trino, DuckDbTypeParser.parse(duckDb).trinoName(), duckDb);
    }

    @Test
    void scalars() {
        assertParses("BOOLEAN", "boolean");
        assertParses("TINYINT", "tinyint");
        assertParses("UTINYINT", "smallint");
        assertParses("UBIGINT", "decimal(20,0)");
        assertParses("HUGEINT", "decimal(38,0)");
        assertParses("DECIMAL(18,3)", "decimal(18,3)");
        assertParses("DECIMAL(38, 10)", "decimal(38,10)");
        assertParses("VARCHAR", "varchar");
        assertParses("BLOB", "varbinary");
        assertParses("TIMESTAMP WITH TIME ZONE", "timestamp(6) with time zone");
        assertParses("TIMESTAMP_MS", "timestamp(3)");
        assertParses("TIME", "time(6)");
        assertParses("ENUM('a', 'b,c')", "varchar");
        assertParses("INTERVAL", "varchar");
    }

    @Test
    void nested() {
        assertParses("INTEGER[]", "array(integer)");
        assertParses("INTEGER[3]", "array(integer)");
        assertParses("VARCHAR[][]", "array(array(varchar))");
        assertParses("MAP(VARCHAR, INTEGER[])", "map(varchar, array(integer))");
        assertParses("STRUCT(a INTEGER, \"b c\" VARCHAR)", "row(a integer, \"b c\" varchar)");
        assertParses("STRUCT(x STRUCT(y DECIMAL(5,2)))[]", "array(row(x row(y decimal(5,2))))");
        assertParses("STRUCT(x INTEGER, y \"NULL\")[]", "array(row(x integer, y unknown))");
    }
}
