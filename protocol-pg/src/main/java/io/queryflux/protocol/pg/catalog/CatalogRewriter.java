package io.queryflux.protocol.pg.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL-only spellings clients use in catalog queries into what the mirror
 * (DuckDB's pg_catalog) accepts. Each rule is a small textual substitution.
 */
final class CatalogRewriter {
    /** A pattern and what replaces each match ({@code $n} refers to its groups). */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {}

    private static final List<Rule> RULES = List.of(
            rule("OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*([~!=<>]+\\*?)\\s*\\)", "$1"),
            rule("\\s+COLLATE\\s+pg_catalog\\s*\\.\\s*\"?default\"?", ""),
            rule("'(\\d+)'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass", "$1"),
            // A relation named by text: none of the proxy's system catalogs has an OID to match.
            rule("'[^']*'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass", "0"),
            // The mirror keeps type I/O functions by name: typinput = 'pg_catalog.array_in'::regproc.
            rule("'(?:pg_catalog\\.)?(\\w+)'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regproc\\b(?!\\s*::)", "'$1'"),
            rule("\\binformation_schema\\s*\\.\\s*_pg_expandarray\\s*\\(", "_pg_expandarray("),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(regclass|regtype|regproc|regprocedure|regoper|regoperator"
                    + "|regnamespace|regrole|regconfig|regdictionary|regcollation|oid|xid)\\b", "::BIGINT"),
            // int2vector and oidvector print as space-separated numbers (SQLAlchemy splits indkey's text).
            rule("\\b((?:\\w+\\s*\\.\\s*)?(?:indkey|indoption|indclass|indcollation))\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?"
                    + "(?:varchar|text)\\b", "array_to_string($1, ' ')"),
            // A text array literal (pgjdbc's keyword list): DuckDB casts only its own [a, b] to a list.
            new Rule(Pattern.compile("'\\{([^'{}]*)\\}'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?(name|text|varchar)\\s*\\[\\]",
                    Pattern.CASE_INSENSITIVE), m -> Matcher.quoteReplacement(textList(m.group(1)))),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(name|\"char\"|text|bpchar)\\b", "::VARCHAR"),
            rule("\\bAS\\s+pg_catalog\\s*\\.\\s*(name|\"char\"|text|bpchar)\\b", "AS VARCHAR"),
            // Every PostgreSQL table has the system column tableoid; psql reads it only to join
            // pg_description, which the mirror leaves empty.
            rule("\\b\\w+\\s*\\.\\s*tableoid\\b", "0::BIGINT"),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?int2\\[\\]", "::SMALLINT[]"),
            rule("\\b(pg_catalog\\s*\\.\\s*)?json_build_object\\s*\\(", "json_object("), // SQLAlchemy's column reflection
            rule("'\\{(\\d*)\\}'", "[$1]"),
            // Functions resolve through the search path (the mirror's macros first, then DuckDB's
            // built-ins); tables live in schema pgc, since DuckDB's own pg_catalog is not PostgreSQL's.
            rule("\\bpg_catalog\\s*\\.\\s*(\\w+)\\s*\\(", "$1("),
            rule("\\bpg_catalog\\s*\\.\\s*", "pgc."));

    private CatalogRewriter() {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), m -> replacement);
    }

    /**
     * The elements of a PostgreSQL text array literal (what is between its braces) as a DuckDB
     * list: unquoted elements are trimmed and NULL is null; quoted ones keep their commas and
     * spaces, with backslash escapes.
     */
    static String textList(String elements) {
        List<String> items = new ArrayList<>();
        int i = 0;
        while (i < elements.length()) {
            while (i < elements.length() && Character.isWhitespace(elements.charAt(i))) {
                i++;
            }
            if (i == elements.length()) {
                break;
            }
            StringBuilder item = new StringBuilder();
            boolean quoted = elements.charAt(i) == '"';
            if (quoted) {
                for (i++; i < elements.length() && elements.charAt(i) != '"'; i++) {
                    if (elements.charAt(i) == '\\' && i + 1 < elements.length()) {
                        i++;
                    }
                    item.append(elements.charAt(i));
                }
                i++; // the closing quote
            }
            int end = elements.indexOf(',', i);
            end = end < 0 ? elements.length() : end;
            String rest = elements.substring(i, end).strip();
            i = end + 1;
            if (!quoted && rest.equalsIgnoreCase("NULL")) {
                items.add("NULL");
            } else {
                items.add("'" + (quoted ? item : rest).toString().replace("'", "''") + "'");
            }
        }
        return "[" + String.join(", ", items) + "]::VARCHAR[]";
    }

    static String rewrite(String sql) {
        String result = sql;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }
}
