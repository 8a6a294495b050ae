package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiteralStandInsTest {
    @Test
    void standsInForLiteralsWhereAParameterIsValid() {
        LiteralStandIns s = LiteralStandIns.standIn(
                "SELECT IFNULL(city, 'x'), 'y' FROM t WHERE id = 3 AND name LIKE 'a%' AND c IN ('p', 'q')", Dialect.MYSQL);
        assertEquals("SELECT IFNULL(city, ?1), ?2 FROM t WHERE id = ?3 AND name LIKE ?4 AND c IN (?5, ?6)", s.sql());
        assertEquals("SELECT a FROM t WHERE b ~ ?1 AND c !~* ?2",
                LiteralStandIns.standIn("SELECT a FROM t WHERE b ~ 'x' AND c !~* 'y'", Dialect.POSTGRES).sql());
        assertEquals("SELECT COUNT(?1), count( ?2 ), xcount(*), t.* FROM t",
                LiteralStandIns.standIn("SELECT COUNT(*), count( * ), xcount(*), t.* FROM t", Dialect.TRINO).sql());
    }

    @Test
    void leavesLiteralsWhereAParameterIsNotValidOrTheirTypeMatters() {
        for (String sql : new String[] {
                "SELECT DATE '2024-01-01', INTERVAL '1 day' FROM t",
                "SELECT E'a' FROM t",
                "SELECT p->>'$.a' FROM t",
                "SELECT x FROM t WHERE a = 7 / 2 AND b = -1 AND c = 1.5",
                "SELECT x FROM t GROUP BY 1 ORDER BY 1 LIMIT 2"}) {
            LiteralStandIns s = LiteralStandIns.standIn(sql, Dialect.POSTGRES);
            assertTrue(s.isEmpty(), sql);
            assertEquals(sql, s.sql());
        }
    }

    @Test
    void leavesStatementsItDoesNotFullyReadAsWritten() {
        for (String sql : new String[] {
                "SELECT 'a' FROM t WHERE b = ?",
                "SELECT count(*), 'a' FROM t WHERE b = $1",
                "SELECT 'a' FROM t -- 'c'",
                "SELECT 'a' /* 'c' */ FROM t",
                "SELECT $$a'b$$, 'c' FROM t",
                "SELECT 'a' 'b' FROM t"}) {
            assertTrue(LiteralStandIns.standIn(sql, Dialect.POSTGRES).isEmpty(), sql);
        }
        assertTrue(LiteralStandIns.standIn("SELECT 'it\\'s' FROM t", Dialect.MYSQL).isEmpty());
    }

    @Test
    void translationReadsAndPrintsTheOriginalLiterals() throws TranslationException {
        Translation t = new SqlTranslator(0).translate(
                "SELECT DATE_FORMAT(created_at, '%Y-%m'), CONCAT('a''b', name), COUNT(*) FROM t WHERE id = 3 AND s = 'x'",
                Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.STRICT);
        assertEquals("SELECT strftime(created_at, '%Y-%m'), ('a''b' || CAST(name AS VARCHAR)), COUNT(*) FROM t"
                + " WHERE id = 3 AND s = 'x'", t.sql());
    }

    /** A prepared statement's own $1 is not one of the stand-ins (the star of count(*) was printed for it). */
    @Test
    void translationKeepsTheStatementsParameters() throws TranslationException {
        Translation t = new SqlTranslator(0).translate("select count(*), $1::int, 'a' || $2 from t where id = 3",
                Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.STRICT);
        assertEquals("SELECT count(*), CAST($1 AS INTEGER), 'a' || $2 FROM t WHERE id = 3", t.sql());
    }
}
