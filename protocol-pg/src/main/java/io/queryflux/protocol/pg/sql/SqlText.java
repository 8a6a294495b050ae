package io.queryflux.protocol.pg.sql;

import io.queryflux.sql.SqlQuotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lexical helpers over PostgreSQL statement text that respect quoting: string literals (also
 * E'' with backslash escapes), quoted identifiers, dollar-quoted strings and comments. No
 * parsing beyond that: statements go to the engines as text.
 */
public final class SqlText {
    private SqlText() {}

    /** A callback for each top-level character outside quotes and comments. */
    private static final Set<String> WITH_LEADS_TO = Set.of("SELECT", "INSERT", "UPDATE", "DELETE",
            "MERGE", "VALUES", "TABLE");

    private interface Visitor {
        /** @return the index to continue from */
        int code(String sql, int index);
    }

    private static void scan(String sql, Visitor visitor) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = SqlQuotes.end(sql, i, '\'', escapes);
            } else if (c == '"') {
                i = SqlQuotes.end(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))) && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                i = close < 0 ? n : close + tag.length();
            } else {
                i = visitor.code(sql, i);
            }
        }
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The index of the closing '$' of a dollar-quote tag starting at {@code start}, or -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return -1; // $1 is a parameter
        }
        while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i : -1;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The statements of a simple Query message, without blank ones and without the ';'. */
    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>(1);
        if (sql.indexOf(';') < 0) {
            addIfNotBlank(statements, sql); // one statement: the common case needs no scan
            return statements;
        }
        int[] start = {0};
        scan(sql, (s, i) -> {
            if (s.charAt(i) == ';') {
                addIfNotBlank(statements, s.substring(start[0], i));
                start[0] = i + 1;
            }
            return i + 1;
        });
        addIfNotBlank(statements, sql.substring(start[0]));
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, String statement) {
        if (!stripComments(statement).isBlank()) {
            statements.add(statement.strip());
        }
    }

    /** Whether the text has the (lower-case) word in any case; a scan cheap enough for every statement. */
    public static boolean containsIgnoreCase(String sql, String lowerCaseWord) {
        char first = lowerCaseWord.charAt(0);
        for (int i = sql.length() - lowerCaseWord.length(); i >= 0; i--) {
            if ((sql.charAt(i) | 0x20) == first && sql.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }

    /** The text with comments removed (quoted text kept as is). */
    public static String stripComments(String sql) {
        if (!sql.contains("--") && !sql.contains("/*")) {
            return sql.strip(); // no comment can start anywhere: skip the scan (the common case)
        }
        StringBuilder out = new StringBuilder(sql.length());
        scanWithComments(sql, (from, to) -> out.append(sql, from, to).append(' '));
        return out.toString().strip();
    }

    private interface RangeSink {
        void keep(int from, int to);
    }

    private static void scanWithComments(String sql, RangeSink sink) {
        int i = 0;
        int keepFrom = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = SqlQuotes.end(sql, i, c, c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e'));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                sink.keep(keepFrom, i);
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                keepFrom = i;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                sink.keep(keepFrom, i);
                i = skipBlockComment(sql, i);
                keepFrom = i;
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))) && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                i = close < 0 ? n : close + tag.length();
            } else {
                i++;
            }
        }
        sink.keep(keepFrom, n);
    }

    /** Whether the word (upper case) is in the statement as a word of its own, outside quotes and comments. */
    public static boolean hasWord(String sql, String upperCaseWord) {
        boolean[] found = {false};
        scan(sql, (s, i) -> {
            if (!isIdentifierPart(s.charAt(i))) {
                return i + 1;
            }
            int end = i;
            while (end < s.length() && isIdentifierPart(s.charAt(end))) {
                end++;
            }
            found[0] |= end - i == upperCaseWord.length() && s.regionMatches(true, i, upperCaseWord, 0, end - i);
            return end;
        });
        return found[0];
    }

    /**
     * The kind of statement a WITH leads to, upper case: the first SELECT, INSERT, UPDATE, DELETE
     * or MERGE outside parentheses (after the common table expressions); SELECT for VALUES, TABLE or
     * anything else.
     */
    public static String statementAfterWith(String sql) {
        int[] depth = {0};
        String[] verb = {"SELECT"};
        scan(sql, (s, i) -> {
            char c = s.charAt(i);
            if (c == '(' || c == ')') {
                depth[0] += c == '(' ? 1 : -1;
                return i + 1;
            }
            if (!isIdentifierPart(c)) {
                return i + 1;
            }
            int end = i;
            while (end < s.length() && isIdentifierPart(s.charAt(end))) {
                end++;
            }
            String word = depth[0] == 0 ? s.substring(i, end).toUpperCase(Locale.ROOT) : "";
            if (WITH_LEADS_TO.contains(word)) {
                verb[0] = word.equals("VALUES") || word.equals("TABLE") ? "SELECT" : word;
                return s.length();
            }
            return end;
        });
        return verb[0];
    }

    /** The highest parameter number ($n) the statement uses. */
    public static int parameterCount(String sql) {
        int[] max = {0};
        scan(sql, (s, i) -> {
            int end = parameterEnd(s, i);
            if (end > 0) {
                max[0] = Math.max(max[0], parameterNumber(s, i, end));
                return end;
            }
            return i + 1;
        });
        return max[0];
    }

    /** Replaces each $n with {@code literals.get(n - 1)}. */
    public static String bind(String sql, List<String> literals) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * literals.size());
        int[] copied = {0};
        scan(sql, (s, i) -> {
            int end = parameterEnd(s, i);
            if (end < 0) {
                return i + 1;
            }
            int number = parameterNumber(s, i, end);
            if (number < 1 || number > literals.size()) {
                throw new IllegalArgumentException("there is no parameter $" + number);
            }
            out.append(s, copied[0], i).append(literals.get(number - 1));
            copied[0] = end;
            return end;
        });
        return out.append(sql, copied[0], sql.length()).toString();
    }

    private static int parameterEnd(String sql, int i) {
        if (sql.charAt(i) != '$' || (i > 0 && isIdentifierPart(sql.charAt(i - 1)))) {
            return -1;
        }
        int end = i + 1;
        while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
            end++;
        }
        return end > i + 1 ? end : -1;
    }

    private static int parameterNumber(String sql, int start, int end) {
        try {
            return Integer.parseInt(sql, start + 1, end, 10);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The first {@code count} words of the statement in upper case, skipping comments and '('. */
    public static List<String> leadingWords(String sql, int count) {
        String text = stripComments(sql);
        List<String> words = new ArrayList<>(count);
        int i = 0;
        while (words.size() < count && i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                words.add(text.substring(i, end).toUpperCase(Locale.ROOT));
                i = end;
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else {
                break;
            }
        }
        return words;
    }

    public static String firstWord(String sql) {
        List<String> words = leadingWords(sql, 1);
        return words.isEmpty() ? "" : words.get(0);
    }
}
