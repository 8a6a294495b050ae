package io.queryflux.sql;

import java.util.Arrays;

/**
 * The tokens of one statement for {@link FastSelectParser}, read in a single pass. Only the
 * plain spellings of the common SELECT subset are read; anything else (comments, escapes, string
 * prefixes such as E'', dollar quoting, exponents, operators outside the subset) makes
 * {@link #scan} return null, and the statement goes to JSQLParser as before.
 */
final class SelectTokens {
    enum Kind {
        /** An unquoted name or keyword: ASCII letters, digits and underscores. */
        WORD,
        /** A name in double quotes or backticks, quotes included. */
        QUOTED_NAME,
        /** A string literal, quotes included. */
        STRING,
        INTEGER,
        DECIMAL,
        /** A numbered parameter such as {@code ?1}, as {@link LiteralStandIns} writes them. */
        PARAMETER,
        /** Punctuation or an operator. */
        SYMBOL,
        END
    }

    /** Operators read, longest first so that {@code <=} is not read as {@code <}. */
    private static final String[] SYMBOLS = {
        "!~*", "<=>", "::", "||", "<=", ">=", "<>", "!=", "~*", "!~",
        "(", ")", ",", ".", ";", "*", "/", "%", "+", "-", "=", "<", ">", "~"};
    /** Integers longer than this might not fit the long JSQLParser reads them into. */
    private static final int MAX_INTEGER_DIGITS = 18;

    private final String sql;
    private Kind[] kinds;
    private int[] starts;
    private int[] ends;
    private int size;

    private SelectTokens(String sql) {
        this.sql = sql;
        int capacity = Math.max(16, sql.length() / 3);
        kinds = new Kind[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    /** The tokens of {@code sql}, or null when it holds anything this reader leaves to JSQLParser. */
    static SelectTokens scan(String sql) {
        SelectTokens tokens = new SelectTokens(sql);
        return tokens.read() ? tokens : null;
    }

    private boolean read() {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (isWordStart(c)) {
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                // A word glued to a quote is a prefix (E'', N'', X''), to a $ a PostgreSQL name.
                if (i < n && (sql.charAt(i) == '\'' || sql.charAt(i) == '$' || sql.charAt(i) >= 0x80)) {
                    return false;
                }
                add(Kind.WORD, start, i);
            } else if (c >= '0' && c <= '9') {
                i = digits(start);
                Kind kind = Kind.INTEGER;
                if (i < n && sql.charAt(i) == '.') {
                    int fraction = digits(i + 1);
                    if (fraction == i + 1) {
                        return false;
                    }
                    i = fraction;
                    kind = Kind.DECIMAL;
                }
                if (i < n && (isWordPart(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) >= 0x80)
                        || kind == Kind.INTEGER && i - start > MAX_INTEGER_DIGITS) {
                    return false;
                }
                add(kind, start, i);
            } else if (c == '\'') {
                i = SqlQuotes.end(sql, start, c, false);
                // Backslashes escape in MySQL and E'' strings; their reading is left to JSQLParser.
                if (sql.charAt(i - 1) != '\'' || i == start + 1 || sql.lastIndexOf('\\', i) > start) {
                    return false;
                }
                add(Kind.STRING, start, i);
            } else if (c == '"' || c == '`') {
                int close = sql.indexOf(c, start + 1);
                // Unterminated, empty, with a doubled quote or a backslash (an escape in MySQL's
                // double-quoted strings) inside: left to JSQLParser.
                if (close <= start + 1 || close + 1 < n && sql.charAt(close + 1) == c
                        || sql.lastIndexOf('\\', close) > start) {
                    return false;
                }
                i = close + 1;
                add(Kind.QUOTED_NAME, start, i);
            } else if (c == '?') {
                i = digits(start + 1);
                if (i == start + 1 || i < n && isWordPart(sql.charAt(i))) {
                    return false;
                }
                add(Kind.PARAMETER, start, i);
            } else {
                String symbol = symbolAt(start);
                // "--" and "/*" open comments, "->" a JSON path: none is read here.
                if (symbol == null || sql.startsWith("--", start) || sql.startsWith("/*", start)
                        || sql.startsWith("->", start)) {
                    return false;
                }
                i += symbol.length();
                add(Kind.SYMBOL, start, i);
            }
        }
        add(Kind.END, n, n);
        return true;
    }

    private String symbolAt(int at) {
        for (String symbol : SYMBOLS) {
            if (sql.startsWith(symbol, at)) {
                return symbol;
            }
        }
        return null;
    }

    private int digits(int from) {
        int i = from;
        while (i < sql.length() && sql.charAt(i) >= '0' && sql.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c >= '0' && c <= '9';
    }

    private void add(Kind kind, int start, int end) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    Kind kind(int token) {
        return kinds[token];
    }

    String text(int token) {
        return sql.substring(starts[token], ends[token]);
    }

    /** Whether the token is the word or symbol {@code expected} (a keyword in upper case; case-insensitive). */
    boolean is(int token, String expected) {
        int length = ends[token] - starts[token];
        return kinds[token] != Kind.END && length == expected.length()
                && sql.regionMatches(true, starts[token], expected, 0, length)
                && (kinds[token] == Kind.WORD || kinds[token] == Kind.SYMBOL);
    }
}
