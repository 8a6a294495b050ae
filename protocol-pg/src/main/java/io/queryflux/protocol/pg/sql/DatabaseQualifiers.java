package io.queryflux.protocol.pg.sql;

import io.queryflux.sql.SqlQuotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL accepts the connection's own database as the first part of a name
 * ({@code "db"."schema"."table"}, as dbt writes every relation); engines do not know the name the
 * client connected with, and DuckDB reads it as a catalog it does not have. The proxy drops that
 * part. Two-part names are schema and table and stay; quoted text and comments are not touched.
 */
public final class DatabaseQualifiers {
    /** An identifier in the text: where it is, and its name (folded to lower case unless quoted). */
    private record Name(int start, int end, String name) {}

    private DatabaseQualifiers() {}

    public static String strip(String sql, String database) {
        if (!SqlText.containsIgnoreCase(sql, database.toLowerCase(Locale.ROOT))) {
            return sql; // the common case: one scan of the text, no tokenizing
        }
        List<Name> names = new ArrayList<>();
        List<Integer> dots = new ArrayList<>(); // for each name, the index of the dot that follows it, or -1
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                i = SqlQuotes.end(sql, i, '\'', escapes);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$' && sql.indexOf("$$", i) == i) {
                int end = sql.indexOf("$$", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || Character.isLetter(c) || c == '_') {
                int end = c == '"' ? SqlQuotes.end(sql, i, '"', false) : identifierEnd(sql, i);
                String name = c == '"' ? sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"")
                        : sql.substring(i, end).toLowerCase(Locale.ROOT);
                names.add(new Name(i, end, name));
                int next = skipSpaces(sql, end);
                dots.add(next < n && sql.charAt(next) == '.' ? next : -1);
                i = end;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (int k = 0; k + 2 < names.size(); k++) {
            Name first = names.get(k);
            // The first part of a name, not x.db.y: no dot right before it.
            boolean startsAName = k == 0 || dots.get(k - 1) < 0 || skipSpaces(sql, dots.get(k - 1) + 1) != first.start();
            if (first.name().equals(database) && startsAName && dots.get(k) >= 0
                    && skipSpaces(sql, dots.get(k) + 1) == names.get(k + 1).start() && dots.get(k + 1) >= 0
                    && skipSpaces(sql, dots.get(k + 1) + 1) == names.get(k + 2).start()) {
                out.append(sql, copied, first.start());
                copied = skipSpaces(sql, dots.get(k) + 1);
            }
        }
        return copied == 0 ? sql : out.append(sql, copied, n).toString();
    }

    private static int identifierEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
