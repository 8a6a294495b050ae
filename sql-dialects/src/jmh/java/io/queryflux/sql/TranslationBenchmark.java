package io.queryflux.sql;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per statement of translating the corpus to DuckDB: the decide step alone, the full
 * translation (no cache), the same with JSQLParser alone, and a cache hit. Each invocation
 * handles one statement, cycling through the corpus, so the sampled p50 is the median cost per
 * statement.
 * Run with bench/translation.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {
    private List<CorpusCase> corpus;
    private SqlTranslator uncached;
    private SqlTranslator uncachedJSqlParserOnly;
    private SqlTranslator cached;
    private int next;

    @Setup
    public void setUp() throws TranslationException {
        corpus = CorpusCase.loadAll();
        uncached = new SqlTranslator(0);
        uncachedJSqlParserOnly = new SqlTranslator(0, false);
        cached = new SqlTranslator(10_000);
        for (CorpusCase c : corpus) {
            cached.translate(c.sql(), c.source(), Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
        }
    }

    private CorpusCase nextCase() {
        CorpusCase c = corpus.get(next);
        next = (next + 1) % corpus.size();
        return c;
    }

    @Benchmark
    public boolean decideOnly() {
        CorpusCase c = nextCase();
        return SqlTranslator.needsTranslation(c.sql(), c.source(), Dialect.DUCKDB);
    }

    @Benchmark
    public Translation fullTranslation() throws TranslationException {
        CorpusCase c = nextCase();
        return uncached.translate(c.sql(), c.source(), Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
    }

    /** The same without FastSelectParser: every statement that needs a parse goes to JSQLParser. */
    @Benchmark
    public Translation fullTranslationJSqlParserOnly() throws TranslationException {
        CorpusCase c = nextCase();
        return uncachedJSqlParserOnly.translate(c.sql(), c.source(), Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
    }

    @Benchmark
    public Translation cachedTranslation() throws TranslationException {
        CorpusCase c = nextCase();
        return cached.translate(c.sql(), c.source(), Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
    }
}
