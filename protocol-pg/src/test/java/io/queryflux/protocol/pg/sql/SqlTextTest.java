package io.queryflux.protocol.pg.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;\" FROM t", "SELECT $$;$$ -- c;", "/* ; */ SELECT 2"),
                SqlText.split("SELECT 'a;b'; SELECT \"x;\" FROM t;; SELECT $$;$$ -- c;\n; /* ; */ SELECT 2;"));
        assertEquals(List.of(), SqlText.split(" ; -- only a comment"));
    }

    @Test
    void bindsParametersOnlyOutsideQuotes() {
        assertEquals("SELECT 'keep $1', 5 + (-2), E'\\'$2'",
                SqlText.bind("SELECT 'keep $1', $1 + $2, E'\\'$2'", List.of("5", "(-2)")));
        assertEquals(2, SqlText.parameterCount("SELECT $2, '$3', a$1 FROM t"));
    }

    @Test
    void findsAWordOnlyWhereItIsOne() {
        assertTrue(SqlText.hasWord("INSERT INTO t VALUES ($1) Returning id", "RETURNING"));
        assertFalse(SqlText.hasWord("INSERT INTO t (returning_id, \"returning\") VALUES ('returning') -- returning",
                "RETURNING"));
        assertFalse(SqlText.hasWord("UPDATE t SET a = $$ returning $$ /* returning */", "RETURNING"));
    }

    @Test
    void leadingWordsSkipCommentsAndParentheses() {
        assertEquals(List.of("SELECT", "A"), SqlText.leadingWords("/* x */ (select a", 2));
    }

    @Test
    void aWithStatementIsTheStatementItLeadsTo() {
        assertEquals("INSERT", SqlText.statementAfterWith(
                "WITH s AS (SELECT 1 AS id), \"update\" AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT id FROM s"));
        assertEquals("SELECT", SqlText.statementAfterWith("WITH RECURSIVE r(n) AS (VALUES (1) UNION SELECT n + 1 FROM r) SELECT * FROM r"));
        assertEquals("DELETE", SqlText.statementAfterWith("with x as materialized (select 'insert') -- update\ndelete from t"));
        assertEquals("SELECT", SqlText.statementAfterWith("WITH x AS (SELECT 1) VALUES (2)"));
    }
}
