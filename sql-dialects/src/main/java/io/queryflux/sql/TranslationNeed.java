package io.queryflux.sql;

import java.util.Set;

/**
 * The cheap first step: scans the SQL text once, without parsing, for anything the target treats
 * differently from the source (a function with a rule, an operator, a quote style, a clause
 * shape). A query with none of these is sent as written, so most dashboard queries never pay for
 * a parse. It must stay a superset of what {@link TargetExpressionPrinter} and
 * {@link TargetSelectPrinter} rewrite; the corpus test checks that skipped queries still return
 * the right rows.
 */
final class TranslationNeed {
    /** Keywords that introduce a construct the printers may rewrite, for every pair of dialects. */
    private static final Set<String> KEYWORDS = Set.of(
            "cast", "try_cast", "extract", "ilike", "regexp", "rlike", "div", "rollup", "group_concat", "offset");

    private TranslationNeed() {}

    static boolean isNeeded(String sql, Dialect source, Dialect target) {
        Dialect from = source.family();
        Dialect to = target.family();
        if (from == to) {
            return false;
        }
        Set<String> functions = FunctionRules.names(from);
        boolean divisionDiffers = truncates(from) != truncates(to);
        int depth = 0;
        int limitDepth = -1;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#' && from == Dialect.MYSQL) {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = SqlQuotes.end(sql, i, '\'', from == Dialect.MYSQL);
            } else if (c == '"') {
                if (from == Dialect.MYSQL || to == Dialect.MYSQL) {
                    return true;
                }
                i = SqlQuotes.end(sql, i, '"', false);
            } else if (c == '`') {
                if (to != Dialect.MYSQL) {
                    return true;
                }
                i = SqlQuotes.end(sql, i, '`', false);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                String word = sql.substring(start, i).toLowerCase(java.util.Locale.ROOT);
                if (isTrigger(word, from, to) || functions.contains(word) && nextIsParen(sql, i)) {
                    return true;
                }
                if (word.equals("limit")) {
                    limitDepth = depth;
                }
            } else {
                switch (c) {
                    case '(' -> depth++;
                    case ')' -> {
                        depth--;
                        limitDepth = -1;
                    }
                    case ',' -> {
                        // MySQL's LIMIT offset, count
                        if (limitDepth == depth) {
                            return true;
                        }
                    }
                    case ':' -> {
                        if (i + 1 < n && sql.charAt(i + 1) == ':') {
                            return true;
                        }
                    }
                    case '~' -> {
                        return true;
                    }
                    case '/' -> {
                        if (divisionDiffers || from == Dialect.DUCKDB) {
                            return true;
                        }
                    }
                    case '|' -> {
                        if (i + 1 < n && sql.charAt(i + 1) == '|' && (from == Dialect.MYSQL || to == Dialect.MYSQL)) {
                            return true;
                        }
                    }
                    case '-' -> {
                        if (i + 1 < n && sql.charAt(i + 1) == '>') {
                            return true;
                        }
                    }
                    case '<' -> {
                        if (sql.startsWith("<=>", i)) {
                            return true;
                        }
                    }
                    default -> {
                        // other punctuation and digits mean the same everywhere
                    }
                }
                i++;
            }
        }
        return false;
    }

    private static boolean isTrigger(String word, Dialect from, Dialect to) {
        return KEYWORDS.contains(word)
                || word.equals("like") && from == Dialect.MYSQL
                // substring(x FROM 'pattern') is a regular expression in PostgreSQL only
                || word.equals("substring") && from == Dialect.POSTGRES
                || word.equals("interval") && to != Dialect.DUCKDB
                || word.equals("distinct") && (to == Dialect.TRINO || to == Dialect.MYSQL);
    }

    private static boolean truncates(Dialect family) {
        return family == Dialect.TRINO || family == Dialect.POSTGRES;
    }

    private static boolean nextIsParen(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '(';
    }

    private static int lineEnd(String sql, int from) {
        int end = sql.indexOf('\n', from);
        return end < 0 ? sql.length() : end + 1;
    }
}
