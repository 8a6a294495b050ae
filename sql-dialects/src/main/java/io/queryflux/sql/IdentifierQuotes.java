package io.queryflux.sql;

/**
 * Rewrites quoted identifiers in printed SQL to the target's quote character: backticks for
 * MySQL, double quotes elsewhere. Runs on the printer's output, where every string literal is
 * single-quoted, so identifiers in columns, tables and aliases are all reached in one pass.
 */
final class IdentifierQuotes {
    private IdentifierQuotes() {}

    static String forTarget(String sql, Dialect target) {
        char wanted = target.family() == Dialect.MYSQL ? '`' : '"';
        char other = wanted == '`' ? '"' : '`';
        if (sql.indexOf(other) < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == wanted) {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == other) {
                int end = closing(sql, i, c);
                String name = sql.substring(i + 1, end - 1).replace(String.valueOf(other) + other, String.valueOf(other));
                out.append(wanted).append(name.replace(String.valueOf(wanted), String.valueOf(wanted) + wanted)).append(wanted);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just past the quote that closes the quoted text starting at {@code start}. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
