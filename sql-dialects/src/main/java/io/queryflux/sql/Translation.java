package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The result of translating one statement: the SQL to send, how it was obtained, and, when the
 * outcome is {@link TranslationOutcome#FAILED}, why. Carries what the routing trace, the query
 * record and the metrics need.
 */
public record Translation(
        String sql,
        TranslationOutcome outcome,
        Optional<String> reason,
        Dialect source,
        Dialect target,
        long elapsedNanos) {

    public Translation {
        requireNonNull(sql, "sql is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        if (outcome == TranslationOutcome.FAILED && reason.isEmpty()) {
            throw new IllegalArgumentException("a failed translation needs a reason");
        }
    }
}
