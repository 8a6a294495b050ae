package io.queryflux.protocol.mysql.commands;

import io.queryflux.sql.SqlQuotes;
import java.util.ArrayList;
import java.util.List;

/**
 * A lexer just deep enough for the proxy's needs: it knows MySQL's quotes (with backslash
 * escapes and doubled quotes) and comments, so that statement separators and {@code ?}
 * placeholders inside them are not mistaken for real ones.
 */
public final class SqlScanner {
    private SqlScanner() {}

    /** The statements of a multi-statement text, without separators and blank statements. */
    public static List<String> splitStatements(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                addIfNotBlank(statements, sql.substring(start, i));
                start = i + 1;
                i++;
            } else {
                i = skipToken(sql, i);
            }
        }
        addIfNotBlank(statements, sql.substring(start));
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, String statement) {
        if (!stripLeadingComments(statement).isBlank()) {
            statements.add(statement);
        }
    }

    /** The offsets of the {@code ?} placeholders. */
    public static List<Integer> placeholders(String sql) {
        List<Integer> positions = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            if (sql.charAt(i) == '?') {
                positions.add(i);
                i++;
            } else {
                i = skipToken(sql, i);
            }
        }
        return List.copyOf(positions);
    }

    /** The statement without leading white space and comments, for recognising its kind. */
    public static String stripLeadingComments(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isCommentStart(sql, i)) {
                i = skipComment(sql, i);
            } else {
                break;
            }
        }
        return sql.substring(i).strip();
    }

    /** Removes trailing semicolons and white space. */
    public static String stripTrailingSeparators(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    /** Index just past the token starting at {@code i}: a quoted string, a comment or one character. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            return SqlQuotes.end(sql, i, c, c != '`');
        }
        if (isCommentStart(sql, i)) {
            return skipComment(sql, i);
        }
        return i + 1;
    }

    private static boolean isCommentStart(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '#') {
            return true;
        }
        if (c == '-' && sql.startsWith("--", i)) {
            return i + 2 >= sql.length() || Character.isWhitespace(sql.charAt(i + 2));
        }
        return c == '/' && sql.startsWith("/*", i);
    }

    private static int skipComment(String sql, int i) {
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }
}
