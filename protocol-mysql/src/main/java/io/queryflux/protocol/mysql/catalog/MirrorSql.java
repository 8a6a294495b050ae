package io.queryflux.protocol.mysql.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a MySQL client's information_schema query into one for the mirror (DuckDB): backtick
 * identifiers become double-quoted ones, {@code information_schema.} names the mirror's schema,
 * {@code DATABASE()} becomes the session's database. Only text outside string literals changes.
 */
final class MirrorSql {
    private static final Pattern INFORMATION_SCHEMA = Pattern.compile("\\binformation_schema\\s*\\.",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATABASE_CALL = Pattern.compile("\\b(?:DATABASE|SCHEMA)\\s*\\(\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    // MySQL's BINARY operator forces a case-sensitive comparison; DuckDB compares so anyway.
    private static final Pattern BINARY_OPERATOR = Pattern.compile("\\bBINARY\\s+(?=[\"'\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COLLATE = Pattern.compile("\\s+COLLATE\\s+\\w+", Pattern.CASE_INSENSITIVE);
    // MySQL's UPPER takes any value (Connector/J upper-cases numbers); DuckDB's only text.
    private static final Pattern UPPER = Pattern.compile("\\b(?:UPPER|UCASE)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAST_SIGNED = Pattern.compile("\\bAS\\s+SIGNED(?:\\s+INTEGER|\\s+INT)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CAST_UNSIGNED = Pattern.compile("\\bAS\\s+UNSIGNED(?:\\s+INTEGER|\\s+INT)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CAST_CHAR = Pattern.compile("\\bAS\\s+CHAR\\b(?:\\s*\\(\\s*\\d+\\s*\\))?",
            Pattern.CASE_INSENSITIVE);
    // CONVERT(x, UNSIGNED INTEGER) and CONVERT(x USING utf8mb4) become (x): metadata values keep their type.
    private static final Pattern CONVERT = Pattern.compile("\\bCONVERT\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONVERT_TARGET = Pattern.compile(
            "(?:,\\s*(?:UNSIGNED|SIGNED)(?:\\s+INTEGER|\\s+INT)?|,\\s*CHAR(?:\\s*\\(\\s*\\d+\\s*\\))?|\\s+USING\\s+\\w+)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    // information_schema columns named like DuckDB keywords.
    private static final Pattern DUCKDB_KEYWORD_COLUMN = Pattern.compile("(?<![\"\\w])(COLLATION|COMMENT)(?![\"\\w(])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIASED = Pattern.compile("(?s)(.+?)\\s+AS\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern EMPTY_DUAL = Pattern.compile("\\bFROM\\s+DUAL\\s+WHERE\\s+1\\s*=\\s*0\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private MirrorSql() {}

    /** Whether the statement reads MySQL's information_schema (outside string literals). */
    static boolean readsInformationSchema(String sql) {
        return sql.toLowerCase(Locale.ROOT).contains("information_schema")
                && INFORMATION_SCHEMA.matcher(mask(sql.replace("`", ""))).find();
    }

    /**
     * Whether the statement is a driver's "empty result with these columns" idiom,
     * {@code SELECT '' AS x ... FROM DUAL WHERE 1=0} (MariaDB Connector/J's getSchemas).
     */
    static boolean emptyDualSelect(String sql) {
        return EMPTY_DUAL.matcher(mask(sql)).find();
    }

    static String rewrite(String sql, Optional<String> database) {
        return rewriteText(havingToWhere(sql), database);
    }

    private static String rewriteText(String sql, Optional<String> database) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = literalEnd(sql, i);
                out.append(rewriteCode(code.toString(), database));
                code.setLength(0);
                out.append(sql, i, end);
                i = end;
            } else if (c == '`') {
                int end = sql.indexOf('`', i + 1);
                end = end < 0 ? sql.length() : end;
                code.append('"').append(sql, i + 1, end).append('"');
                i = end + 1;
            } else {
                code.append(c);
                i++;
            }
        }
        out.append(rewriteCode(code.toString(), database));
        return out.toString();
    }

    private static String rewriteCode(String code, Optional<String> database) {
        String result = INFORMATION_SCHEMA.matcher(code).replaceAll(InformationSchemaMirror.SCHEMA + ".");
        result = result.replaceAll("(?i)\"information_schema\"\\s*\\.", InformationSchemaMirror.SCHEMA + ".");
        result = DATABASE_CALL.matcher(result).replaceAll(Matcher.quoteReplacement(
                database.map(SqlText::literal).orElse("NULL")));
        result = BINARY_OPERATOR.matcher(result).replaceAll("");
        result = UPPER.matcher(result).replaceAll(InformationSchemaMirror.SCHEMA + ".mysql_upper(");
        result = CAST_SIGNED.matcher(result).replaceAll("AS BIGINT");
        result = CAST_UNSIGNED.matcher(result).replaceAll("AS UBIGINT");
        result = CAST_CHAR.matcher(result).replaceAll("AS VARCHAR");
        // Literals split the text into pieces, so CONVERT( and its target may be in different ones.
        result = CONVERT_TARGET.matcher(CONVERT.matcher(result).replaceAll("(")).replaceAll(")");
        result = COLLATE.matcher(result).replaceAll("");
        return DUCKDB_KEYWORD_COLUMN.matcher(result).replaceAll("\"$1\"");
    }

    /**
     * MySQL allows {@code HAVING} without {@code GROUP BY} as a filter on select-list aliases
     * (Connector/J's getTables filters its computed TABLE_TYPE so); DuckDB would aggregate. The
     * condition moves into the WHERE clause with each alias replaced by its expression.
     */
    static String havingToWhere(String sql) {
        String masked = mask(sql);
        int having = topLevel(masked, "HAVING");
        int select = topLevel(masked, "SELECT");
        int from = topLevel(masked, "FROM");
        if (having < 0 || select < 0 || from < 0 || from > having || topLevel(masked, "GROUP BY") >= 0) {
            return sql;
        }
        int end = sql.length();
        for (String keyword : new String[] {"ORDER BY", "LIMIT"}) {
            int at = topLevel(masked, keyword);
            if (at > having && at < end) {
                end = at;
            }
        }
        String condition = sql.substring(having + "HAVING".length(), end);
        for (String item : SqlText.splitTopLevel(sql.substring(select + "SELECT".length(), from))) {
            Matcher aliased = ALIASED.matcher(item);
            if (aliased.matches()) {
                condition = replaceWord(condition, aliased.group(2), "(" + aliased.group(1) + ")");
            }
        }
        int where = topLevel(masked, "WHERE");
        String filtered = where >= 0 && where < having
                ? sql.substring(0, where + "WHERE".length()) + " (" + sql.substring(where + "WHERE".length(), having)
                        + ") AND (" + condition + ") "
                : sql.substring(0, having) + " WHERE (" + condition + ") ";
        return filtered + sql.substring(end);
    }

    /** Replaces a whole word outside string literals. */
    private static String replaceWord(String text, String word, String replacement) {
        String masked = mask(text);
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(masked);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** The first position of a keyword outside literals and parentheses, or -1. */
    private static int topLevel(String masked, String keyword) {
        Pattern pattern = Pattern.compile("\\b" + keyword.replace(" ", "\\s+") + "\\b", Pattern.CASE_INSENSITIVE);
        Matcher m = pattern.matcher(masked);
        while (m.find()) {
            int depth = 0;
            for (int i = 0; i < m.start(); i++) {
                char c = masked.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            if (depth == 0) {
                return m.start();
            }
        }
        return -1;
    }

    /** The text with the contents of string literals blanked out, same length. */
    private static String mask(String sql) {
        StringBuilder masked = new StringBuilder(sql);
        int i = 0;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                int end = literalEnd(sql, i);
                for (int j = i + 1; j < end - 1; j++) {
                    masked.setCharAt(j, ' ');
                }
                i = end;
            } else {
                i++;
            }
        }
        return masked.toString();
    }

    /** The index after the string literal starting at {@code start} ('' is an escaped quote). */
    private static int literalEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
