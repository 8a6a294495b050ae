package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.trino.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/**
 * Translates every corpus case to DuckDB and runs it on a real embedded DuckDB, comparing rows
 * with what the source engine returns; translates the MySQL and PostgreSQL cases to Trino and
 * checks that Trino's own parser accepts the result. Prints the pass rate per pair next to the
 * rate of sending the original text unchanged. Fails when a case not marked unsupported fails,
 * or when a pass count falls below corpus/baseline.properties.
 */
class TranslationCorpusTest {
    private final SqlTranslator translator = new SqlTranslator(1_000);
    private final SqlParser trinoParser = new SqlParser();

    /** Pass counts for one (source, target) pair. */
    private static final class Tally {
        int cases;
        int translated;
        int unchanged;
        int supported;
    }

    @Test
    void corpusRunsOnDuckDbAndParsesAsTrino() throws Exception {
        List<CorpusCase> corpus = CorpusCase.loadAll();
        assertTrue(corpus.size() >= 150, "corpus has " + corpus.size() + " cases");
        Map<String, Tally> tallies = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> unexpectedPasses = new ArrayList<>();
        try (CorpusDatabase duckDb = CorpusDatabase.duckDb()) {
            for (CorpusCase c : corpus) {
                Tally duck = tallies.computeIfAbsent(c.source().configName() + " -> duckdb", k -> new Tally());
                duck.cases++;
                duck.supported += c.unsupported().isPresent() ? 0 : 1;
                String outcome = runOnDuckDb(duckDb, c, c.source());
                boolean passed = outcome.isEmpty();
                duck.translated += passed ? 1 : 0;
                duck.unchanged += runUnchanged(duckDb, c) ? 1 : 0;
                record(c.id() + " -> duckdb", c.unsupported().isPresent(), passed, outcome, failures, unexpectedPasses);

                if (c.source() == Dialect.TRINO) {
                    String original = parsesAsTrino(c.sql());
                    if (!original.isEmpty()) {
                        failures.add(c.id() + ": corpus query is not valid Trino: " + original);
                    }
                    continue;
                }
                Tally trino = tallies.computeIfAbsent(c.source().configName() + " -> trino", k -> new Tally());
                trino.cases++;
                trino.supported += c.trinoUnsupported().isPresent() ? 0 : 1;
                String trinoOutcome = translateForTrino(c);
                boolean trinoPassed = trinoOutcome.isEmpty();
                trino.translated += trinoPassed ? 1 : 0;
                trino.unchanged += parsesAsTrino(c.sql()).isEmpty() ? 1 : 0;
                record(c.id() + " -> trino", c.trinoUnsupported().isPresent(), trinoPassed, trinoOutcome, failures,
                        unexpectedPasses);
            }
        }
        System.out.println(report(tallies));
        unexpectedPasses.forEach(p -> System.out.println("marked unsupported but passes: " + p));
        failures.forEach(f -> System.out.println("FAILED " + f));
        assertTrue(failures.isEmpty(), failures.size() + " supported cases failed:\n" + String.join("\n", failures));
        assertAtLeastBaseline(tallies);
    }

    private static void record(String id, boolean markedUnsupported, boolean passed, String why,
            List<String> failures, List<String> unexpectedPasses) {
        if (!markedUnsupported && !passed) {
            failures.add(id + ": " + why);
        } else if (markedUnsupported && passed) {
            unexpectedPasses.add(id);
        }
    }

    /** Empty when the translation ran on DuckDB and returned the expected rows, else why not. */
    private String runOnDuckDb(CorpusDatabase duckDb, CorpusCase c, Dialect source) {
        String sql;
        try {
            Translation t = translator.translate(c.sql(), source, Dialect.DUCKDB, TranslationMode.STRICT);
            sql = t.sql();
        } catch (TranslationException e) {
            return "not translated: " + e.getMessage();
        }
        try {
            List<String> rows = duckDb.query(sql);
            return rows.equals(c.expectedRows()) ? "" : "rows " + rows + " != expected " + c.expectedRows() + " for: " + sql;
        } catch (Exception e) {
            return "DuckDB error " + firstLine(e.getMessage()) + " for: " + sql;
        }
    }

    private static boolean runUnchanged(CorpusDatabase duckDb, CorpusCase c) {
        try {
            return duckDb.query(c.sql()).equals(c.expectedRows());
        } catch (Exception e) {
            return false;
        }
    }

    private String translateForTrino(CorpusCase c) {
        try {
            String sql = translator.translate(c.sql(), c.source(), Dialect.TRINO, TranslationMode.STRICT).sql();
            String error = parsesAsTrino(sql);
            return error.isEmpty() ? "" : error + " for: " + sql;
        } catch (TranslationException e) {
            return "not translated: " + e.getMessage();
        }
    }

    private String parsesAsTrino(String sql) {
        try {
            trinoParser.createStatement(sql);
            return "";
        } catch (RuntimeException e) {
            return "Trino parser: " + firstLine(e.getMessage());
        }
    }

    private static String report(Map<String, Tally> tallies) {
        StringBuilder out = new StringBuilder("\nSQL translation corpus\n");
        out.append(String.format("%-22s %6s %18s %18s %10s%n", "pair", "cases", "translated", "unchanged", "supported"));
        tallies.forEach((pair, t) -> out.append(String.format("%-22s %6d %11d (%3d%%) %11d (%3d%%) %10d%n", pair, t.cases,
                t.translated, percent(t.translated, t.cases), t.unchanged, percent(t.unchanged, t.cases), t.supported)));
        return out.toString();
    }

    private static int percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(100f * part / whole);
    }

    private static void assertAtLeastBaseline(Map<String, Tally> tallies) throws IOException {
        Properties baseline = new Properties();
        baseline.load(new StringReader(CorpusCase.resource("corpus/baseline.properties")));
        for (String key : baseline.stringPropertyNames()) {
            Tally t = tallies.get(key.replace(".", " -> "));
            int minimum = Integer.parseInt(baseline.getProperty(key).strip());
            assertTrue(t != null && t.translated >= minimum,
                    key + ": " + (t == null ? 0 : t.translated) + " cases pass, baseline is " + minimum);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
