package io.queryflux.sql;

/** How a query left the translator. */
public enum TranslationOutcome {
    /** Same dialect, or nothing in the query that the target treats differently: sent as written. */
    NOT_NEEDED,
    /** Rewritten for the target dialect. */
    TRANSLATED,
    /** Could not be translated; in best-effort mode the original SQL is sent. */
    FAILED
}
