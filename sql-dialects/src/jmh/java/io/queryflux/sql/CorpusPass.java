package io.queryflux.sql;

import java.util.List;

/**
 * One timed pass of full translations (no cache) over the corpus to DuckDB. Loaded once per build
 * of the module being compared, in its own class loader, by {@link InterleavedComparison}.
 */
public final class CorpusPass {
    private static final List<CorpusCase> CORPUS = CorpusCase.loadAll();
    private static final SqlTranslator UNCACHED = new SqlTranslator(0);

    private CorpusPass() {}

    /** Nanoseconds per corpus case, in corpus order. */
    public static long[] run() throws TranslationException {
        long[] nanos = new long[CORPUS.size()];
        for (int i = 0; i < nanos.length; i++) {
            CorpusCase c = CORPUS.get(i);
            long start = System.nanoTime();
            UNCACHED.translate(c.sql(), c.source(), Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
