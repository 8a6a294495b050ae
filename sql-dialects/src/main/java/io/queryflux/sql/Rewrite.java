package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

/**
 * What translating one (sql, source, target) produced, independent of mode and timing, so it can
 * be cached: the SQL to send when translated, or the construct and reason when it failed.
 */
record Rewrite(TranslationOutcome outcome, String sql, String construct, String reason) {
    Rewrite {
        requireNonNull(outcome, "outcome is null");
    }

    static Rewrite notNeeded() {
        return new Rewrite(TranslationOutcome.NOT_NEEDED, null, null, null);
    }

    static Rewrite translated(String sql) {
        return new Rewrite(TranslationOutcome.TRANSLATED, requireNonNull(sql, "sql is null"), null, null);
    }

    static Rewrite failed(String construct, String reason) {
        return new Rewrite(TranslationOutcome.FAILED, null,
                requireNonNull(construct, "construct is null"), requireNonNull(reason, "reason is null"));
    }
}
