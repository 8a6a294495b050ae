package io.queryflux.protocol.flight.sql;

import static java.util.Objects.requireNonNull;

import io.queryflux.sql.SqlQuotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's text as the frontend needs to see it: where its {@code ?} placeholders are
 * (outside quotes and comments), whether it returns rows, and how to describe it without
 * running it. The proxy does not parse SQL further; the engine does.
 */
public final class SqlText {
    private static final Set<String> WRAPPABLE_QUERIES = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");
    private static final Set<String> OTHER_ROW_STATEMENTS =
            Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN", "SUMMARIZE", "PRAGMA", "CALL");

    private final String sql;
    private final List<Integer> placeholders;
    private final String firstKeyword;

    private SqlText(String sql, List<Integer> placeholders, String firstKeyword) {
        this.sql = sql;
        this.placeholders = List.copyOf(placeholders);
        this.firstKeyword = firstKeyword;
    }

    public static SqlText of(String sql) {
        String text = stripTrailingSemicolons(requireNonNull(sql, "sql is null"));
        List<Integer> placeholders = new ArrayList<>();
        String firstKeyword = "";
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = SqlQuotes.end(text, i, c, false);
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                i = skipLineComment(text, i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(text, i);
            } else if (c == '?') {
                placeholders.add(i);
                i++;
            } else if (firstKeyword.isEmpty() && Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                firstKeyword = text.substring(start, i).toUpperCase(Locale.ROOT);
            } else {
                i++;
            }
        }
        return new SqlText(text, placeholders, firstKeyword);
    }

    private static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    private static int skipLineComment(String text, int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end + 1;
    }

    private static int skipBlockComment(String text, int start) {
        int end = text.indexOf("*/", start + 2);
        return end < 0 ? text.length() : end + 2;
    }

    public String sql() {
        return sql;
    }

    public int parameterCount() {
        return placeholders.size();
    }

    /** Whether the statement returns rows (a query) rather than an update count. */
    public boolean returnsRows() {
        return WRAPPABLE_QUERIES.contains(firstKeyword) || OTHER_ROW_STATEMENTS.contains(firstKeyword);
    }

    /**
     * Whether {@link #describeQuery()} can find the result columns without running the query:
     * only plain queries can be wrapped in a subquery; SHOW, EXPLAIN and the like cannot.
     */
    public boolean wrappable() {
        return WRAPPABLE_QUERIES.contains(firstKeyword);
    }

    /**
     * A query with the same columns and no rows, with every placeholder read as NULL. The newline
     * before the closing parenthesis keeps a trailing line comment from swallowing it.
     */
    public String describeQuery() {
        List<String> nulls = placeholders.stream().map(p -> "NULL").toList();
        return "SELECT * FROM (\n" + bind(nulls) + "\n) AS queryflux_describe LIMIT 0";
    }

    /** The statement with each placeholder replaced by the SQL literal at its position. */
    public String bind(List<String> literals) {
        if (literals.size() != placeholders.size()) {
            throw new IllegalArgumentException("The statement has " + placeholders.size() + " parameters but "
                    + literals.size() + " values were bound");
        }
        StringBuilder out = new StringBuilder(sql.length() + 16 * literals.size());
        int from = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            int at = placeholders.get(i);
            out.append(sql, from, at).append(literals.get(i));
            from = at + 1;
        }
        return out.append(sql, from, sql.length()).toString();
    }

    /** The text after placeholder {@code index}, up to the next placeholder, for type hints. */
    String textAfter(int index) {
        int start = placeholders.get(index) + 1;
        int end = index + 1 < placeholders.size() ? placeholders.get(index + 1) : sql.length();
        return sql.substring(start, end);
    }

    /** The text before placeholder {@code index}, back to the previous placeholder. */
    String textBefore(int index) {
        int start = index == 0 ? 0 : placeholders.get(index - 1) + 1;
        return sql.substring(start, placeholders.get(index));
    }
}
