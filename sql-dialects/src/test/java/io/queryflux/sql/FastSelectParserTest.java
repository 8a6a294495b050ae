package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link FastSelectParser} against JSQLParser, its oracle: whatever it accepts must be the
 * tree JSQLParser builds from the same text, node class by node class and field by field
 * ({@link JSqlTrees}), and translations must not change with it on or off.
 */
class FastSelectParserTest {
    /** Where the fast parser's precedence or node choice could go wrong; each must be accepted. */
    private static final List<String> TRAPS = List.of(
            "SELECT a OR b AND c FROM t",
            "SELECT * FROM t WHERE NOT a = b",
            "SELECT * FROM t WHERE NOT a = b AND c OR NOT d",
            "SELECT -x * y, -1, 2 - -3, a - b - c, a / b * c % d FROM t",
            "SELECT a || b = c, a + b || c - d FROM t",
            "SELECT x::int + 1, -x::int, (a + b)::numeric / 2 FROM t",
            "SELECT * FROM t WHERE a BETWEEN 1 AND 2 AND c",
            "SELECT * FROM t WHERE a NOT BETWEEN b + 1 AND c * 2",
            "SELECT * FROM t WHERE a IS NOT NULL OR b IS NULL",
            "SELECT * FROM t WHERE x NOT IN (1, 2) AND y IN ('a')",
            "SELECT CASE WHEN a > 1 THEN 'x' WHEN a IS NULL THEN 'y' ELSE 'z' END FROM t",
            "SELECT CASE a WHEN 1 THEN 2 END, CASE a + 1 WHEN 2 THEN 3 ELSE 4 END FROM t",
            "SELECT * FROM t WHERE a LIKE 'x%' AND b NOT ILIKE 'y' OR c REGEXP 'z' OR d NOT RLIKE 'w'",
            "SELECT * FROM t WHERE a ~ 'x' AND b ~* 'y' AND c !~ 'z' AND d !~* 'w'",
            "SELECT * FROM t WHERE a <> 1 AND b != 2 AND c <= 3 AND d >= 4 AND e < 5 AND f > 6",
            "SELECT ((a)), (a = b) AND c, NOT (a) FROM t",
            "SELECT count(*), count(?1), f(), g(1, 'a', NULL, 1.5) FROM t",
            "SELECT DISTINCT t.*, u.a, \"q\".\"b\" AS \"B c\", `d` e FROM s.t AS x INNER JOIN u ON u.a = x.a"
                    + " LEFT JOIN v w ON w.b = 1 JOIN z ON TRUE = z.c",
            "SELECT a FROM t GROUP BY 1, b HAVING count(*) > 1 ORDER BY 1, b DESC, c ASC LIMIT 2 OFFSET 3",
            "SELECT a FROM t ORDER BY a LIMIT 1, 2;",
            "SELECT CAST(a AS SIGNED), cast(b AS CHAR), CAST(c AS double) + 1, try_cast(d AS int) FROM t",
            "SELECT a DIV 2 * 3, a * 2 DIV 3 FROM t",
            "SELECT created_at + interval '1 day', INTERVAL 2 HOUR, INTERVAL '2' day, DATE '2024-03-10' - d,"
                    + " TIMESTAMP '2024-03-04 00:00:00' FROM t",
            "SELECT extract(dow FROM a), EXTRACT(YEAR FROM b) FROM t",
            "SELECT name, t.name, count(name), max(a), coalesce(a, b), left(a, 2), right(a, 1) FROM t");

    /** Outside the subset: the fast parser must give up, and the statement still translates. */
    private static final List<String> GIVE_UPS = List.of(
            "SELECT a FROM t -- comment",
            "SELECT /* c */ a FROM t",
            "SELECT E'a\\n' FROM t",
            "SELECT 'a\\'b' FROM t",
            "SELECT 1e5",
            "SELECT .5",
            "SELECT a FROM t WHERE b IN (SELECT c FROM u)",
            "WITH s AS (SELECT 1 AS a) SELECT a FROM s",
            "SELECT a FROM t UNION SELECT b FROM u",
            "SELECT count(DISTINCT a) FROM t",
            "SELECT string_agg(a, ',' ORDER BY a) FROM t",
            "SELECT row_number() OVER (ORDER BY a) FROM t",
            "SELECT count(*) FILTER (WHERE a > 1) FROM t",
            "SELECT j ->> 'a' FROM t",
            "SELECT a::varchar(10) FROM t",
            "SELECT a::timestamp with time zone FROM t",
            "SELECT a FROM t WHERE b LIKE 'x' ESCAPE '!'",
            "SELECT year(b), substr(c, 2) FROM t",
            "SELECT if(a > 1, 'x', 'y') FROM t",
            "SELECT a FROM t FOR UPDATE",
            "SELECT a FROM t WHERE a = ?",
            "SELECT a.b.c FROM t",
            "SELECT a FROM generate_series(1, 3)",
            "SELECT a FROM t NATURAL JOIN u",
            "SELECT b <=> NULL FROM t",
            "SELECT \"a\"\"b\" FROM t",
            "SELECT a FROM t LIMIT ALL");

    @Test
    void acceptedCorpusStatementsBuildJSqlParsersTree() {
        int parsed = 0;
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        for (CorpusCase c : CorpusCase.loadAll()) {
            boolean needsParse = TranslationNeed.isNeeded(c.sql(), c.source(), Dialect.DUCKDB);
            String standIn = LiteralStandIns.standIn(c.sql(), c.source()).sql();
            for (String text : List.of(c.sql(), standIn)) {
                String failure = checkAgainstJSqlParser(text);
                if (failure != null) {
                    failures.add(c.id() + ": " + failure);
                }
            }
            if (needsParse) {
                parsed++;
                if (FastSelectParser.parse(standIn) != null) {
                    accepted++;
                } else {
                    System.out.println("left to JSQLParser: " + c.id() + ": " + standIn);
                }
            }
        }
        System.out.printf("fast parser accepts %d of the %d corpus statements translated to DuckDB by a parse%n",
                accepted, parsed);
        assertEquals(List.of(), failures);
        assertTrue(accepted * 10 >= parsed * 8, accepted + " of " + parsed + " accepted");
    }

    @Test
    void precedenceTrapsBuildJSqlParsersTree() {
        for (String sql : TRAPS) {
            assertNotNull(FastSelectParser.parse(sql), sql);
            assertNull(checkAgainstJSqlParser(sql), sql);
        }
    }

    /** Every keyword, type and unit the parser reads as a plain name is checked in the places it reads it. */
    @Test
    void listedKeywordsReadAsJSqlParserReadsThem() {
        List<String> statements = new ArrayList<>();
        for (String function : FastSelectParser.KEYWORD_FUNCTIONS) {
            statements.add("SELECT " + function + "(a, 1), " + function + "(*) FROM t");
        }
        for (String column : FastSelectParser.KEYWORD_COLUMNS) {
            statements.add("SELECT " + column + ", t." + column + ", a AS " + column + ", b " + column + " FROM " + column
                    + " " + column + " WHERE " + column + " = 1 ORDER BY " + column);
        }
        for (String type : FastSelectParser.TYPES) {
            statements.add("SELECT CAST(a AS " + type + "), a::" + type + " + 1, f(b::" + type + ") FROM t");
        }
        for (String unit : FastSelectParser.INTERVAL_UNITS) {
            statements.add("SELECT INTERVAL '1' " + unit + ", INTERVAL 2 " + unit.toLowerCase() + " FROM t");
        }
        for (String sql : statements) {
            assertNotNull(FastSelectParser.parse(sql), sql);
            assertNull(checkAgainstJSqlParser(sql), sql);
        }
    }

    @Test
    void statementsOutsideTheSubsetFallBackAndStillTranslate() throws TranslationException {
        SqlTranslator fast = new SqlTranslator(0, true);
        SqlTranslator jsqlParserOnly = new SqlTranslator(0, false);
        for (String sql : GIVE_UPS) {
            assertNull(FastSelectParser.parse(sql), sql);
            assertNull(FastSelectParser.parse(LiteralStandIns.standIn(sql, Dialect.POSTGRES).sql()), sql);
            Translation expected = jsqlParserOnly.translate(sql, Dialect.POSTGRES, Dialect.TRINO, TranslationMode.BEST_EFFORT);
            Translation actual = fast.translate(sql, Dialect.POSTGRES, Dialect.TRINO, TranslationMode.BEST_EFFORT);
            assertEquals(expected.sql(), actual.sql(), sql);
            assertEquals(expected.outcome(), actual.outcome(), sql);
        }
        assertEquals("SELECT a FROM t WHERE a IN (SELECT c FROM u WHERE d LIKE 'x')",
                fast.translate("SELECT a FROM t WHERE a IN (SELECT c FROM u WHERE d ILIKE 'x')", Dialect.POSTGRES,
                        Dialect.MYSQL, TranslationMode.STRICT).sql());
    }

    @Test
    void translationsAreTheSameWithAndWithoutTheFastParser() {
        SqlTranslator fast = new SqlTranslator(0, true);
        SqlTranslator jsqlParserOnly = new SqlTranslator(0, false);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (CorpusCase c : CorpusCase.loadAll()) {
            for (Dialect target : Dialect.values()) {
                String expected = outcome(jsqlParserOnly, c, target);
                String actual = outcome(fast, c, target);
                compared++;
                if (!expected.equals(actual)) {
                    differences.add(c.id() + " -> " + target.configName() + ":\n  " + expected + "\n  " + actual);
                }
            }
        }
        assertEquals(List.of(), differences);
        assertEquals(CorpusCase.loadAll().size() * Dialect.values().length, compared);
    }

    private static String outcome(SqlTranslator translator, CorpusCase c, Dialect target) {
        try {
            Translation t = translator.translate(c.sql(), c.source(), target, TranslationMode.BEST_EFFORT);
            return t.outcome() + " " + t.sql() + " " + t.reason().orElse("");
        } catch (TranslationException e) {
            return "exception " + e.getMessage();
        }
    }

    /** Null when the fast parser gives up or builds JSQLParser's tree; else what differs. */
    private static String checkAgainstJSqlParser(String sql) {
        Statement fast = FastSelectParser.parse(sql);
        if (fast == null) {
            return null;
        }
        Statement jsqlParser;
        try {
            jsqlParser = StatementTranslator.parse(sql);
        } catch (Untranslatable e) {
            return "accepted, but JSQLParser rejects it: " + e.why() + " in " + sql;
        }
        if (!jsqlParser.toString().equals(fast.toString())) {
            return "printed as " + fast + " instead of " + jsqlParser;
        }
        List<String> differences = JSqlTrees.differences(jsqlParser, fast);
        return differences.isEmpty() ? null : sql + ": " + differences;
    }
}
