package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Translates a statement from the client's dialect to the engine's. Thread-safe; holds a bounded
 * cache of translations keyed by (sql, source, target).
 *
 * <p>Three steps, cheapest first: the same dialect passes through byte for byte; a scan of the
 * text ({@link TranslationNeed}) sends queries with nothing dialect-specific as written; only the
 * rest are parsed ({@link FastSelectParser} for the common subset, else JSQLParser) and printed for the target with our rule tables.
 */
public final class SqlTranslator {
    /** What a statement became for a target, by statement and dialects. */
    record CacheKey(String sql, Dialect source, Dialect target) {
        CacheKey {
            requireNonNull(sql, "sql is null");
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
        }
    }

    private final LruCache<CacheKey, Rewrite> cache;
    private final boolean fastParser;

    public SqlTranslator(int cacheSize) {
        this(cacheSize, true);
    }

    /** With {@code fastParser} false every statement is parsed by JSQLParser: for tests comparing the two. */
    SqlTranslator(int cacheSize, boolean fastParser) {
        this.cache = new LruCache<>(cacheSize);
        this.fastParser = fastParser;
    }

    /**
     * @throws TranslationException in {@link TranslationMode#STRICT} mode when the statement cannot
     *         be translated; the message names the construct. In best-effort mode the original
     *         SQL is returned with outcome {@link TranslationOutcome#FAILED} and the reason.
     */
    public Translation translate(String sql, Dialect source, Dialect target, TranslationMode mode)
            throws TranslationException {
        requireNonNull(sql, "sql is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(mode, "mode is null");
        long start = System.nanoTime();
        // Athena speaks Trino's SQL and StarRocks MySQL's: within a family there is nothing to do.
        if (source.family() == target.family()) {
            return new Translation(sql, TranslationOutcome.NOT_NEEDED, Optional.empty(), source, target,
                    System.nanoTime() - start);
        }
        CacheKey key = new CacheKey(sql, source, target);
        Rewrite rewrite = cache.get(key);
        if (rewrite == null) {
            rewrite = rewrite(sql, source, target, fastParser);
            cache.put(key, rewrite);
        }
        return switch (rewrite.outcome()) {
            case NOT_NEEDED -> new Translation(sql, TranslationOutcome.NOT_NEEDED, Optional.empty(), source, target,
                    System.nanoTime() - start);
            case TRANSLATED -> new Translation(rewrite.sql(), TranslationOutcome.TRANSLATED, Optional.empty(), source,
                    target, System.nanoTime() - start);
            case FAILED -> {
                String reason = "cannot translate " + rewrite.construct() + " from " + source.configName() + " to "
                        + target.configName() + ": " + rewrite.reason();
                if (mode == TranslationMode.STRICT) {
                    throw new TranslationException(rewrite.construct(), reason);
                }
                yield new Translation(sql, TranslationOutcome.FAILED, Optional.of(reason), source, target,
                        System.nanoTime() - start);
            }
        };
    }

    /** The decide step alone: whether {@code sql} holds anything the target treats differently. */
    public static boolean needsTranslation(String sql, Dialect source, Dialect target) {
        return source.family() != target.family() && TranslationNeed.isNeeded(sql, source, target);
    }

    private static Rewrite rewrite(String sql, Dialect source, Dialect target, boolean fastParser) {
        if (!TranslationNeed.isNeeded(sql, source, target)) {
            return Rewrite.notNeeded();
        }
        try {
            return Rewrite.translated(StatementTranslator.translate(sql, source, target, fastParser));
        } catch (Untranslatable e) {
            return Rewrite.failed(e.construct(), e.why());
        }
    }
}
