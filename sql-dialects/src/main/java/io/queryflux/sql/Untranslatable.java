package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

/**
 * Thrown from inside the printer, whose visitor methods cannot throw checked exceptions, when a
 * construct has no equivalent in the target; {@link SqlTranslator} turns it into a failed
 * translation or a {@link TranslationException}.
 */
final class Untranslatable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String construct;
    private final String why;

    Untranslatable(String construct, String why) {
        super(construct + ": " + why, null, false, false);
        this.construct = requireNonNull(construct, "construct is null");
        this.why = requireNonNull(why, "why is null");
    }

    String why() {
        return why;
    }

    String construct() {
        return construct;
    }
}
