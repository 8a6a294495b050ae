package io.queryflux.sql;

/**
 * Skipping a quoted string or identifier in SQL text, for the scanners that must not look inside
 * literals (the translator's decide step, the frontends' statement classifiers).
 */
public final class SqlQuotes {
    private SqlQuotes() {}

    /**
     * The index just past the closing quote of the quoted text opening at {@code start} (or the
     * end of the text when it is unterminated). A doubled quote escapes it; with
     * {@code backslashEscapes} (MySQL strings, PostgreSQL E'' strings) a backslash does too.
     */
    public static int end(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
