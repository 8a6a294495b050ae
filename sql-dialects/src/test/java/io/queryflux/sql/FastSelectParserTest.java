package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

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
            "SELECT DISTINCT (a), b, *, t.* FROM t",
            "SELECT a, count(*) FROM t GROUP BY a WITH ROLLUP HAVING count(*) > 1",
            "SELECT IF(a > 1, 'x', 'y'), if(b IS NULL, 1) FROM t",
            "SELECT * FROM t WHERE a <=> NULL AND b <=> c + 1 OR NOT d <=> e",
            "SELECT TIMESTAMPDIFF(HOUR, a, b), f(day), g(a, Month), (year), second, 1 FROM t WHERE a IN (day, hour)",
            "SELECT a IN ((SELECT 1)), ((SELECT 2)), string_agg(a ORDER BY b) OVER (PARTITION BY c) FROM t",
            "SELECT CASE (a) WHEN (1) THEN (2) ELSE (3) END, CAST((a) AS int), (a)::int, -(a), ((a + b)), (a) AS x,"
                    + " EXTRACT(year FROM (a)), (SELECT 1) AS y FROM t JOIN u ON (a = b)"
                    + " WHERE NOT (a) = b AND (a) IS NULL AND (a) IN (1) AND (a) BETWEEN (1) AND (2) AND (a) LIKE (b)"
                    + " GROUP BY a HAVING (count(*) > 1)",
            "SELECT f((a) + 1, 2 * (b)), (a) + 1 FROM t WHERE c IN ((d) - 1) GROUP BY a, (b) + 1 ORDER BY (a), (b) DESC",
            "SELECT CAST(a AS SIGNED), cast(b AS CHAR), CAST(c AS double) + 1, try_cast(d AS int) FROM t",
            "SELECT created_at + interval '1 day', INTERVAL 2 HOUR, INTERVAL '2' day, DATE '2024-03-10' - d,"
                    + " TIMESTAMP '2024-03-04 00:00:00' FROM t",
            "SELECT extract(dow FROM a), EXTRACT(YEAR FROM b) FROM t",
            "SELECT name, t.name, count(name), max(a), coalesce(a, b), left(a, 2), right(a, 1) FROM t",
            "SELECT * FROM t WHERE NOT a IS NULL AND NOT b LIKE 'x' AND NOT c IN (1) AND NOT d BETWEEN 1 AND 2",
            "SELECT a::int::text, - 1, a \"x\", \"a.b\" FROM t WHERE a LIKE b || '%' AND c = - d",
            "SELECT CASE WHEN NOT a THEN b OR c END, CASE WHEN a THEN b ELSE c = d END FROM t",
            "SELECT interval '1 day' AS d, interval '1 day' FROM t",
            "WITH s AS (SELECT a FROM t), u AS (SELECT 1 AS b) SELECT s.a FROM s JOIN u ON TRUE",
            "SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) AS q LEFT JOIN (SELECT b FROM u) r ON r.b = q.a"
                    + " WHERE a IN (SELECT b FROM u WHERE c = 1) AND d NOT IN (SELECT e FROM v) AND f = (SELECT max(g) FROM w)",
            "SELECT count(DISTINCT x), string_agg(a, ',' ORDER BY b DESC, c), array_agg(DISTINCT a ORDER BY a) FROM t",
            "SELECT row_number() OVER (PARTITION BY a ORDER BY b), sum(x) OVER (), lag(x, 1, 0) OVER (ORDER BY y DESC),"
                    + " count(*) OVER (PARTITION BY a, b), count(DISTINCT a) OVER (), max(a) over (partition by b) FROM t");

    /** Outside the subset: the fast parser must give up, and the statement still translates. */
    private static final List<String> GIVE_UPS = List.of(
            "SELECT a FROM t -- comment",
            "SELECT /* c */ a FROM t",
            "SELECT E'a\\n' FROM t",
            "SELECT 'a\\'b' FROM t",
            "SELECT 1e5",
            "SELECT .5",
            "SELECT a FROM t WHERE EXISTS (SELECT c FROM u)",
            "WITH RECURSIVE s AS (SELECT 1 AS a) SELECT a FROM s",
            "WITH s (a) AS (SELECT 1) SELECT a FROM s",
            "SELECT a FROM t UNION SELECT b FROM u",
            "SELECT a FROM t WHERE b IN (SELECT c FROM u UNION SELECT d FROM v)",
            "(SELECT a FROM t)",
            "SELECT count(ALL a) FROM t",
            "SELECT sum(a) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
            "SELECT sum(a) OVER w FROM t WINDOW w AS (ORDER BY a)",
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t",
            "SELECT a FROM t, LATERAL (SELECT b FROM u) v",
            "SELECT count(*) FILTER (WHERE a > 1) FROM t",
            "SELECT j ->> 'a' FROM t",
            "SELECT a::varchar(10) FROM t",
            "SELECT a::timestamp with time zone FROM t",
            "SELECT a FROM t WHERE b LIKE 'x' ESCAPE '!'",
            "SELECT year(b), substr(c, 2) FROM t",
            "SELECT a FROM t FOR UPDATE",
            "SELECT a FROM t WHERE a = ?",
            "SELECT a.b.c FROM t",
            "SELECT a FROM generate_series(1, 3)",
            "SELECT a FROM t NATURAL JOIN u",
            "SELECT \"a\"\"b\" FROM t",
            "SELECT \"a\\\" AS \"b\" FROM t",
            "SELECT a FROM t LIMIT ALL",
            "SELECT CASE a = 1 WHEN TRUE THEN FALSE END FROM t",
            "SELECT CASE -a WHEN 1 THEN 2 END FROM t",
            "SELECT CASE WHEN a THEN NOT b - 1 ELSE NOT c END FROM t",
            "SELECT a DIV 2 FROM t",
            "SELECT a BETWEEN (SELECT 1) AND 2, b BETWEEN 1 AND (SELECT 2) FROM t",
            "SELECT CAST(a = b AS int), EXTRACT(year FROM a OR b) FROM t",
            "SELECT a FROM t GROUP BY (a), b",
            "SELECT a FROM t LIMIT 1, 2 OFFSET 3",
            "SELECT f((a)), g(b, (c)) FROM t",
            "SELECT a FROM t WHERE b IN ((1), 2)",
            "SELECT sum(a) OVER (PARTITION BY (b)) FROM t",
            "SELECT INTERVAL '1' week FROM t",
            "SELECT INTERVAL '1' DAY TO SECOND FROM t");

    /** Function names with special forms in some grammar, besides those our rules know. */
    private static final List<String> FUNCTION_NAMES = List.of(
            "trim", "position", "substring", "overlay", "convert", "char", "json_object", "json_array",
            "json_arrayagg", "json_objectagg", "xmlserialize", "struct", "array", "map", "nextval", "current_date",
            "current_timestamp", "localtime", "user", "values", "row", "exists", "any", "some", "all", "safe_cast",
            "match", "listagg", "string_agg", "first_value", "last_value", "lag", "lead", "rank", "dense_rank",
            "ntile", "percentile_cont", "mode", "filter", "within", "over", "collate", "iif", "nullif", "greatest",
            "least", "decode", "nvl2", "sum", "avg", "min", "replace", "format", "ascii", "upper", "lower",
            "length", "char_length", "octet_length", "locate", "instr", "lpad", "rpad", "repeat", "reverse",
            "regexp_substr", "regexp_matches", "to_number", "dateadd", "timestampadd", "year", "month", "day",
            "hour", "minute", "second", "week", "quarter", "curtime", "unnest", "generate_series", "range", "abs",
            "ceil", "ceiling", "floor", "round", "trunc", "mod", "power", "sqrt", "exp", "ln", "log", "sign",
            "md5", "sha1", "sha2", "hash", "uuid", "isnotnull", "time", "timestamp", "interval", "key", "value",
            "type", "text", "status", "top", "group", "order", "limit", "offset", "fetch", "next", "first");

    @Test
    void acceptedCorpusStatementsBuildJSqlParsersTree() {
        int parsed = 0;
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        for (CorpusCase c : CorpusCase.loadAll()) {
            boolean needsParse = TranslationNeed.isNeeded(c.sql(), c.source(), Dialect.DUCKDB);
            String standIn = LiteralStandIns.standIn(c.sql(), c.source()).sql();
            // The same text in other letter cases as well: keywords and names must not depend on it.
            List<String> texts = List.of(
                    c.sql(), standIn, standIn.toLowerCase(Locale.ROOT), standIn.toUpperCase(Locale.ROOT));
            for (String text : texts) {
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
        assertTrue(accepted * 10 >= parsed * 9, accepted + " of " + parsed + " accepted");
    }

    @Test
    void precedenceTrapsBuildJSqlParsersTree() {
        assertAcceptedAsJSqlParserReadsThem(TRAPS);
    }

    /** Every keyword, type and unit the parser reads as a plain name is checked in the places it reads it. */
    @Test
    void listedKeywordsReadAsJSqlParserReadsThem() {
        List<String> statements = new ArrayList<>();
        for (String function : FastSelectParser.KEYWORD_FUNCTIONS) {
            statements.add("SELECT " + function + "(a, 1), " + function + "(*) FROM t");
        }
        for (String column : FastSelectParser.KEYWORD_COLUMNS) {
            statements.add("SELECT " + column + ".*, " + column + ", t." + column + ", a AS " + column + ", b " + column
                    + " FROM " + column + " " + column + " WHERE " + column + " = 1 ORDER BY " + column);
        }
        for (String type : FastSelectParser.TYPES) {
            statements.add("SELECT CAST(a AS " + type + "), a::" + type + " + 1, f(b::" + type + ") FROM t");
        }
        for (String unit : FastSelectParser.INTERVAL_UNITS) {
            statements.add("SELECT INTERVAL '1' " + unit + ", INTERVAL 2 " + unit.toLowerCase() + " FROM t");
        }
        assertAcceptedAsJSqlParserReadsThem(statements);
    }

    private static void assertAcceptedAsJSqlParserReadsThem(List<String> statements) {
        for (String sql : statements) {
            assertNotNull(FastSelectParser.parse(sql), sql);
            assertNull(checkAgainstJSqlParser(sql), sql);
        }
    }

    /**
     * Broken and shortened shapes of every corpus statement: each with one word left out, one word
     * doubled, and each cut after a word. Most fail in both parsers; whatever the fast parser accepts must match.
     */
    @Test
    void corpusStatementsWithAWordLeftOutDoubledOrCutOffMatchOrFallBack() {
        List<String> failures = new ArrayList<>();
        int variants = 0;
        int accepted = 0;
        for (CorpusCase c : CorpusCase.loadAll()) {
            String[] words = LiteralStandIns.standIn(c.sql(), c.source()).sql().split(" ");
            for (int i = 1; i < words.length; i++) {
                List<String> left = new ArrayList<>(List.of(words));
                left.remove(i);
                List<String> doubled = new ArrayList<>(List.of(words));
                doubled.add(i, words[i]);
                for (String sql : List.of(String.join(" ", left), String.join(" ", List.of(words).subList(0, i)),
                        String.join(" ", doubled))) {
                    variants++;
                    accepted += FastSelectParser.parse(sql) != null ? 1 : 0;
                    String failure = checkAgainstJSqlParser(sql);
                    if (failure != null) {
                        failures.add(c.id() + ": " + failure);
                    }
                }
            }
        }
        System.out.printf("fast parser accepts %d of %d broken corpus variants, each as JSQLParser reads it%n",
                accepted, variants);
        assertEquals(List.of(), failures);
        assertTrue(accepted > 100, accepted + " variants accepted");
    }

    /** Random flat statements over the subset's vocabulary, so that precedence decides: accepted ones must match. */
    @Test
    void randomStatementsBuildJSqlParsersTreeOrFallBack() {
        List<String> failures = new ArrayList<>();
        int count = 0;
        int accepted = 0;
        for (long seed = 1; seed <= 5; seed++) {
            RandomSelects statements = new RandomSelects(seed);
            for (int i = 0; i < 2_000; i++, count++) {
                String sql = statements.next();
                accepted += FastSelectParser.parse(sql) != null ? 1 : 0;
                String failure = checkAgainstJSqlParser(sql);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        System.out.printf("fast parser accepts %d of %d random statements, each as JSQLParser reads it%n",
                accepted, count);
        assertEquals(List.of(), failures);
        assertTrue(accepted >= count / 10, accepted + " of " + count + " accepted");
    }

    /** Any name may be a function or a column: the fast parser gives up or reads it as JSQLParser does. */
    @Test
    void functionAndColumnNamesReadAsJSqlParserReadsThemOrFallBack() {
        Set<String> names = new TreeSet<>(FUNCTION_NAMES);
        for (Dialect source : CorpusCase.SOURCES) {
            names.addAll(FunctionRules.names(source));
        }
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            for (String sql : List.of("SELECT " + name + "(a, 1), " + name + "() FROM t",
                    "SELECT " + name + "(*) FROM t", "SELECT " + name + ", t." + name + " FROM t " + name,
                    "SELECT a " + name + " FROM t WHERE " + name + " = 1")) {
                String failure = checkAgainstJSqlParser(sql);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void statementsOutsideTheSubsetFallBackAndStillTranslate() throws TranslationException {
        SqlTranslator fast = new SqlTranslator(0, true);
        SqlTranslator jsqlParserOnly = new SqlTranslator(0, false);
        for (String sql : GIVE_UPS) {
            assertNull(FastSelectParser.parse(sql), sql);
            assertNull(FastSelectParser.parse(LiteralStandIns.standIn(sql, Dialect.POSTGRES).sql()), sql);
            TranslationMode mode = TranslationMode.BEST_EFFORT;
            Translation expected = jsqlParserOnly.translate(sql, Dialect.POSTGRES, Dialect.TRINO, mode);
            Translation actual = fast.translate(sql, Dialect.POSTGRES, Dialect.TRINO, mode);
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
