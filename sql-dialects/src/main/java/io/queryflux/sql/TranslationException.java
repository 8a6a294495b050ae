package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

/** A statement could not be translated; the message names the construct at fault. */
public class TranslationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String construct;

    public TranslationException(String construct, String message) {
        super(requireNonNull(message, "message is null"));
        this.construct = requireNonNull(construct, "construct is null");
    }

    public TranslationException(String construct, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.construct = requireNonNull(construct, "construct is null");
    }

    /** The SQL construct (function, operator, clause) that could not be translated. */
    public String construct() {
        return construct;
    }
}
