package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SqlTranslatorTest {
    private final SqlTranslator translator = new SqlTranslator(100);

    @Test
    void sameDialectIsReturnedUntouched() throws TranslationException {
        // Odd spacing, a comment and MySQL-only syntax: none of it may be touched.
        String sql = "select  IFNULL(`a`,1) -- keep\nFROM t LIMIT 1, 2";
        for (Dialect dialect : Dialect.values()) {
            Translation t = translator.translate(sql, dialect, dialect, TranslationMode.STRICT);
            assertSame(sql, t.sql());
            assertEquals(TranslationOutcome.NOT_NEEDED, t.outcome());
            assertEquals(Optional.empty(), t.reason());
        }
    }

    @Test
    void dialectsOfOneFamilyPassThroughUntouched() throws TranslationException {
        String sql = "SELECT IFNULL(`a`, 1) FROM t WHERE id = 42 LIMIT 1, 2";
        Translation t = translator.translate(sql, Dialect.MYSQL, Dialect.STARROCKS, TranslationMode.STRICT);
        assertSame(sql, t.sql());
        assertEquals(TranslationOutcome.NOT_NEEDED, t.outcome());
        String trino = "SELECT date_diff('day', a, b) FROM t";
        assertSame(trino, translator.translate(trino, Dialect.TRINO, Dialect.ATHENA, TranslationMode.STRICT).sql());
    }

    @Test
    void arrayCastsKeepTheirArrayType() throws TranslationException {
        assertEquals("SELECT CAST(ARRAY[1, 2] AS INTEGER[])",
                translator.translate("SELECT ARRAY[1,2]::int[]", Dialect.POSTGRES, Dialect.DUCKDB,
                        TranslationMode.STRICT).sql());
        assertEquals("SELECT CAST(ARRAY[1, 2] AS ARRAY(INTEGER))",
                translator.translate("SELECT ARRAY[1,2]::int[]", Dialect.POSTGRES, Dialect.TRINO,
                        TranslationMode.STRICT).sql());
    }

    @Test
    void bytesFromHexAreSpelledForEachEngine() throws TranslationException {
        String postgres = "SELECT decode('dead', 'hex'), decode('3q0=', 'base64')";
        assertEquals("SELECT from_hex('dead'), from_base64('3q0=')",
                translator.translate(postgres, Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.STRICT).sql());
        assertEquals("SELECT from_hex('dead'), from_base64('3q0=')",
                translator.translate(postgres, Dialect.POSTGRES, Dialect.TRINO, TranslationMode.STRICT).sql());
        assertEquals("SELECT UNHEX('dead'), FROM_BASE64('3q0=')",
                translator.translate(postgres, Dialect.POSTGRES, Dialect.MYSQL, TranslationMode.STRICT).sql());
        assertEquals("SELECT decode('dead', 'hex'), decode('3q0=', 'base64')",
                translator.translate("SELECT from_hex('dead'), from_base64('3q0=')", Dialect.TRINO, Dialect.POSTGRES,
                        TranslationMode.STRICT).sql());
        assertEquals("SELECT decode('dead', 'hex')",
                translator.translate("SELECT UNHEX('dead')", Dialect.MYSQL, Dialect.POSTGRES, TranslationMode.STRICT)
                        .sql());
        assertThrows(TranslationException.class, () -> translator.translate("SELECT decode('a\\000', 'escape')",
                Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.STRICT));
    }

    /** PostgreSQL reads bytea text in its hex or escape format; DuckDB would read \x01 as one byte and the rest as characters. */
    @Test
    void byteaTextIsPrintedAsItsBytes() throws TranslationException {
        assertEquals("SELECT from_hex('0102ff'), from_hex('61015c')",
                translator.translate("SELECT '\\x01 02FF'::bytea, CAST('a\\001\\\\' AS bytea)", Dialect.POSTGRES,
                        Dialect.DUCKDB, TranslationMode.STRICT).sql());
        assertEquals("SELECT UNHEX('0102ff')", translator.translate("SELECT '\\x0102ff'::bytea", Dialect.POSTGRES,
                Dialect.MYSQL, TranslationMode.STRICT).sql());
        assertEquals("SELECT CAST('abc' AS bytea)", translator.translate("SELECT 'abc'::bytea", Dialect.POSTGRES,
                Dialect.DUCKDB, TranslationMode.STRICT).sql());
        for (String invalid : List.of("SELECT '\\x0'::bytea", "SELECT '\\9'::bytea")) {
            assertThrows(TranslationException.class,
                    () -> translator.translate(invalid, Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.STRICT), invalid);
        }
    }

    @Test
    void queryWithNothingDialectSpecificIsNotParsed() throws TranslationException {
        String sql = "SELECT status, count(*) FROM orders WHERE amount > 10 GROUP BY status ORDER BY 2 DESC LIMIT 10";
        Translation t = translator.translate(sql, Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.STRICT);
        assertEquals(TranslationOutcome.NOT_NEEDED, t.outcome());
        assertSame(sql, t.sql());
        assertTrue(t.elapsedNanos() >= 0);
    }

    @Test
    void translatesMySqlForDuckDb() throws TranslationException {
        Translation t = translator.translate("SELECT IFNULL(`city`, 'x') FROM t LIMIT 5, 10",
                Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.STRICT);
        assertEquals(TranslationOutcome.TRANSLATED, t.outcome());
        assertEquals("SELECT COALESCE(\"city\", 'x') FROM t LIMIT 10 OFFSET 5", t.sql());
    }

    @Test
    void trinoTargetGetsOffsetBeforeFetch() throws TranslationException {
        Translation t = translator.translate("SELECT a FROM t ORDER BY a LIMIT 2, 3",
                Dialect.MYSQL, Dialect.TRINO, TranslationMode.STRICT);
        assertEquals("SELECT a FROM t ORDER BY a OFFSET 2 FETCH FIRST 3 ROWS ONLY", t.sql());
    }

    @Test
    void strictFailureNamesTheConstruct() {
        TranslationException e = assertThrows(TranslationException.class, () -> translator.translate(
                "SELECT DISTINCT ON (a) a, b FROM t", Dialect.POSTGRES, Dialect.TRINO, TranslationMode.STRICT));
        assertEquals("DISTINCT ON", e.construct());
        assertTrue(e.getMessage().contains("DISTINCT ON"), e.getMessage());
    }

    @Test
    void bestEffortFailurePassesTheOriginalWithAReason() throws TranslationException {
        String sql = "SELECT DISTINCT ON (a) a, b FROM t";
        Translation t = translator.translate(sql, Dialect.POSTGRES, Dialect.TRINO, TranslationMode.BEST_EFFORT);
        assertEquals(TranslationOutcome.FAILED, t.outcome());
        assertSame(sql, t.sql());
        assertTrue(t.reason().orElseThrow().contains("DISTINCT ON"), t.reason().toString());
    }

    @Test
    void statementsOtherThanQueriesPassThroughInBestEffort() throws TranslationException {
        String sql = "CREATE TABLE `t` (id INT)";
        Translation t = translator.translate(sql, Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
        assertEquals(TranslationOutcome.FAILED, t.outcome());
        assertSame(sql, t.sql());
        assertThrows(TranslationException.class,
                () -> translator.translate(sql, Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.STRICT));
    }

    @Test
    void unparsableSqlFailsWithReason() throws TranslationException {
        Translation t = translator.translate("SELECT `a FROM", Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
        assertEquals(TranslationOutcome.FAILED, t.outcome());
        assertTrue(t.reason().orElseThrow().contains("parsed"), t.reason().toString());
    }

    @Test
    void cachedTranslationIsTheSame() throws TranslationException {
        String sql = "SELECT DATE_FORMAT(ts, '%Y-%m') FROM t";
        Translation first = translator.translate(sql, Dialect.MYSQL, Dialect.POSTGRES, TranslationMode.STRICT);
        Translation second = translator.translate(sql, Dialect.MYSQL, Dialect.POSTGRES, TranslationMode.STRICT);
        assertEquals("SELECT to_char(ts, 'YYYY-MM') FROM t", first.sql());
        assertSame(first.sql(), second.sql());
    }

    @Test
    void cacheIsBounded() {
        LruCache<SqlTranslator.CacheKey, Rewrite> cache = new LruCache<>(2);
        for (int i = 0; i < 5; i++) {
            cache.put(new SqlTranslator.CacheKey("SELECT " + i, Dialect.MYSQL, Dialect.DUCKDB), Rewrite.notNeeded());
        }
        assertEquals(2, cache.size());
    }

    @Test
    void groupConcatOfSeveralValuesKeepsItsSeparatorAndOrder() throws TranslationException {
        // MySQL's CONCAT is NULL if any part is, so a row with a NULL part is skipped, as in MySQL.
        assertEquals("SELECT string_agg(DISTINCT CAST((CAST(a AS VARCHAR) || CAST(b AS VARCHAR)) AS VARCHAR), '-'"
                + " ORDER BY a DESC) FROM t",
                translator.translate("SELECT GROUP_CONCAT(DISTINCT a, b ORDER BY a DESC SEPARATOR '-') FROM t",
                        Dialect.MYSQL, Dialect.DUCKDB, TranslationMode.STRICT).sql());
        assertEquals("SELECT array_join(array_agg(x), ',') FROM t",
                translator.translate("SELECT GROUP_CONCAT(x) FROM t", Dialect.MYSQL, Dialect.TRINO,
                        TranslationMode.STRICT).sql());
    }

    @Test
    void intervalWithAQualifierIsTranslatedAndARangeIsRefused() throws TranslationException {
        assertEquals("SELECT d + INTERVAL '2 day' FROM t",
                translator.translate("SELECT d + INTERVAL '2' DAY FROM t", Dialect.TRINO, Dialect.POSTGRES,
                        TranslationMode.STRICT).sql());
        TranslationException e = assertThrows(TranslationException.class, () -> translator.translate(
                "SELECT d + INTERVAL '1 02' DAY TO HOUR FROM t", Dialect.TRINO, Dialect.POSTGRES, TranslationMode.STRICT));
        assertTrue(e.getMessage().contains("DAY TO HOUR"), e.getMessage());
    }

    @Test
    void rulesApplyInsideTableFunctionsAndTypedLiteralsBecomeCasts() throws TranslationException {
        assertEquals("SELECT x FROM UNNEST(generate_series(1, 3)) AS t(x) WHERE x > CAST('2024-01-01' AS DATE)",
                translator.translate("SELECT x FROM UNNEST(sequence(1, 3)) AS t(x) WHERE x > DATE '2024-01-01'",
                        Dialect.TRINO, Dialect.DUCKDB, TranslationMode.STRICT).sql());
        assertEquals("SELECT TIMESTAMPDIFF(DAY, CAST('2024-01-01 10:00:00' AS DATETIME), d) FROM t",
                translator.translate("SELECT date_diff('day', TIMESTAMP '2024-01-01 10:00:00', d) FROM t",
                        Dialect.TRINO, Dialect.MYSQL,
                        TranslationMode.STRICT).sql());
    }

    @Test
    void configNamesRoundTrip() {
        for (Dialect dialect : Dialect.values()) {
            assertEquals(Optional.of(dialect), Dialect.fromConfigName(dialect.configName()));
        }
        assertEquals(Optional.empty(), Dialect.fromConfigName("oracle"));
        assertEquals(Optional.of(TranslationMode.BEST_EFFORT), TranslationMode.fromConfigName("bestEffort"));
        assertEquals(Optional.of(TranslationMode.STRICT), TranslationMode.fromConfigName("strict"));
    }
}
