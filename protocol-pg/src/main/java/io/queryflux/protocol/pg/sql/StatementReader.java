package io.queryflux.protocol.pg.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads words, names, string literals and bracketed text from a statement the proxy parses itself
 * (COPY, cursor statements). Errors are {@link IllegalArgumentException}s naming the statement.
 */
final class StatementReader {
    private final String text;
    private final String statement;
    private int at;

    /** @param statement what is read, for error messages ({@code COPY}, {@code DECLARE}...) */
    StatementReader(String text, String statement) {
        this.text = text;
        this.statement = statement;
    }

    /** A reader of a whole statement, its comments and trailing semicolons left out. */
    static StatementReader of(String sql, String statement) {
        String text = SqlText.stripComments(sql);
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return new StatementReader(text, statement);
    }

    /** A name as PostgreSQL folds it: quoted kept as written, else lower case. */
    static String folded(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return written.toLowerCase(Locale.ROOT);
    }

    boolean atEnd() {
        skipSpace();
        return at >= text.length();
    }

    char peek() {
        skipSpace();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    String peekWord() {
        int saved = at;
        String word = atEnd() || !Character.isLetter(peek()) ? "" : word();
        at = saved;
        return word;
    }

    void skip(char c) {
        if (peek() == c) {
            at++;
        }
    }

    void expectWord(String expected) {
        String word = word();
        if (!word.equals(expected)) {
            throw new IllegalArgumentException("expected " + expected + " but found " + word);
        }
    }

    /** A keyword or option name, upper case; a quoted value is taken as its content. */
    String word() {
        skipSpace();
        if (at < text.length() && text.charAt(at) == '\'') {
            return string().toUpperCase(Locale.ROOT);
        }
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("unexpected text in " + statement + " at: " + text.substring(start));
        }
        return text.substring(start, at).toUpperCase(Locale.ROOT);
    }

    /** A name as written, possibly qualified and quoted. */
    String name() {
        skipSpace();
        int start = at;
        boolean quoted = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (Character.isWhitespace(c) || c == '(')) {
                break;
            }
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("expected a name in " + statement);
        }
        return text.substring(start, at);
    }

    /** A '...' literal's content ('' is a quote). */
    String string() {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != '\'') {
            throw new IllegalArgumentException("expected a quoted string in " + statement);
        }
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string in " + statement);
    }

    /** The text between a '(' and its matching ')', quotes respected. */
    String parenthesized() {
        skipSpace();
        int depth = 0;
        char quote = 0;
        int start = at + 1;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(start, at++).strip();
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in " + statement);
    }

    /** A parenthesized list's items, split at its own commas (not those in quotes or brackets), stripped. */
    List<String> parenthesizedList() {
        String inner = parenthesized();
        List<String> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (!inner.isBlank()) {
            items.add(inner.substring(start).strip());
        }
        return items;
    }

    /** Everything not read yet, without surrounding space and trailing semicolons. */
    String rest() {
        String rest = text.substring(at).strip();
        while (rest.endsWith(";")) {
            rest = rest.substring(0, rest.length() - 1).strip();
        }
        at = text.length();
        return rest;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
