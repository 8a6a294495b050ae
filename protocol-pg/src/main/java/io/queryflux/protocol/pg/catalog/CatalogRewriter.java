package io.queryflux.protocol.pg.catalog;

import io.queryflux.protocol.pg.sql.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            // PostgreSQL's ~ finds the pattern anywhere; DuckDB's must match the whole text.
            new Rule(Pattern.compile("(?<!~)(!?~\\*?)(?!~)\\s*'((?:[^']|'')*)'"),
                    m -> Matcher.quoteReplacement(m.group(1) + " '(?s).*(?:" + m.group(2) + ").*'")),
            // PostgreSQL's LIKE escapes with a backslash unless told otherwise (pgAdmin: LIKE E'pg\\_%').
            rule("(\\bI?LIKE\\s+E?'(?:[^'\\\\]|'')*\\\\(?:[^']|'')*')(?!\\s*ESCAPE)", "$1 ESCAPE '\\\\'"),
            rule("'(\\d+)'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass", "$1"),
            rule("('[^']*')\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass", "to_regclass($1)"),
            // An OID shown as a relation's name (psql's "Referenced by": conrelid::regclass AS ontable).
            rule("\\b(\\w+(?:\\s*\\.\\s*\\w+)?)\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass(?=\\s+AS\\b)",
                    "qf_regclass_name($1)"),
            // CAST(x AS oid) and the like; the closing parenthesis tells a cast from a column alias.
            rule("\\bAS\\s+(pg_catalog\\s*\\.\\s*)?(regclass|regtype|regproc|regnamespace|regrole|oid|xid)"
                    + "(?=\\s*\\))", "AS BIGINT"),
            // Row versions, which DataGrip reads as state numbers: the mirror has none.
            rule("(?<![\\w\"'])(\\w+\\s*\\.\\s*)?xmin\\b(?![\\w\"'])", "0::BIGINT"),
            // The session's user, not DuckDB's (a column label after AS stays).
            rule("(?<![\\w.\"$'])(?<!AS\\s)(current_user|session_user|current_role)(?![\\w\"'(])", "qf_user()"),
            // "at" is a keyword in DuckDB, a plain alias in PostgreSQL (pgAdmin: pg_attribute at).
            rule("\\bpg_attribute\\s+at\\b", "pg_attribute \"at\""),
            rule("(?<![\\w.\"])at\\s*\\.(?=\\s*\\w)", "\"at\"."),
            // No relation is partitioned: its only ancestor is itself (psql's trigger list reads them).
            rule("(?:pg_catalog\\s*\\.\\s*)?pg_partition_ancestors\\s*\\(([^()]*)\\)\\s+WITH\\s+ORDINALITY\\s+AS\\s+"
                    + "(\\w+)\\s*\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)", "(SELECT ($1)::BIGINT AS $3, 1 AS $4) $2"),
            // The mirror keeps type I/O functions by name: typinput = 'pg_catalog.array_in'::regproc.
            rule("'(?:pg_catalog\\.)?(\\w+)'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regproc\\b(?!\\s*::)", "'$1'"),
            rule("\\binformation_schema\\s*\\.\\s*_pg_expandarray\\s*\\(", "_pg_expandarray("),
            // PostgreSQL's information_schema, which DuckDB's own would shadow.
            new Rule(Pattern.compile("\"?\\binformation_schema\\b\"?\\s*\\.\\s*(\"?)(\\w+)(\"?)", Pattern.CASE_INSENSITIVE),
                    m -> Matcher.quoteReplacement(SystemCatalogDefinitions.INFORMATION_SCHEMA_NAMES.contains(
                            m.group(2).toLowerCase(Locale.ROOT)) ? SystemCatalogDefinitions.INFORMATION_SCHEMA + "."
                            + m.group(1) + m.group(2) + m.group(3) : m.group())),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(regclass|regtype|regproc|regprocedure|regoper|regoperator"
                    + "|regnamespace|regrole|regconfig|regdictionary|regcollation|oid|xid)\\b", "::BIGINT"),
            // int2vector and oidvector count from 0 (psqlODBC: ta.attnum = i.indkey[ia.attnum-1]); lists from 1.
            rule("\\b((?:\\w+\\s*\\.\\s*)?(?:indkey|indoption|indclass|indcollation))\\s*\\[", "$1[1+"),
            // int2vector and oidvector print as space-separated numbers (SQLAlchemy splits indkey's text).
            rule("\\b((?:\\w+\\s*\\.\\s*)?(?:indkey|indoption|indclass|indcollation))\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?"
                    + "(?:varchar|text)\\b", "array_to_string($1, ' ')"),
            // A text array literal (pgjdbc's keyword list): DuckDB casts only its own [a, b] to a list.
            new Rule(Pattern.compile("'\\{([^'{}]*)\\}'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?(name|text|varchar)\\s*\\[\\]",
                    Pattern.CASE_INSENSITIVE), m -> Matcher.quoteReplacement(textList(m.group(1)))),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(name|\"char\"|text|bpchar)\\b", "::VARCHAR"),
            rule("\\bAS\\s+pg_catalog\\s*\\.\\s*(name|\"char\"|text|bpchar)\\b", "AS VARCHAR"),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?int2\\[\\]", "::SMALLINT[]"),
            rule("\\b(pg_catalog\\s*\\.\\s*)?json_build_object\\s*\\(", "json_object("), // SQLAlchemy's column reflection
            rule("'\\{(\\d*)\\}'", "[$1]"),
            // Functions resolve through the search path (the mirror's macros first, then DuckDB's
            // built-ins); tables live in schema pgc, since DuckDB's own pg_catalog is not PostgreSQL's.
            rule("\"?\\bpg_catalog\\b\"?\\s*\\.\\s*\"?(\\w+)\"?\\s*\\(", "$1("),
            rule("\"?\\bpg_catalog\\b\"?\\s*\\.\\s*", "pgc."));

    private static final Pattern CATALOG_IN_FROM = Pattern.compile("(?:\\bFROM|\\bJOIN|,)\\s+(?:\"?pg_catalog\"?\\s*"
            + "\\.\\s*)?\"?(pg_\\w+)\"?(?:\\s+(?:AS\\s+)?\"?(\\w+)\"?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLEOID = Pattern.compile("\\b(\\w+)\\s*\\.\\s*tableoid\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern TABLE_ALIAS = Pattern.compile(
            "(\\b(?:FROM|JOIN)\\s+[\\w.\"]+\\s+(?:AS\\s+)?)(\\w+)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_ALIASES = Set.of("on", "where", "join", "left", "right", "inner", "outer",
            "cross", "full", "group", "order", "limit", "having", "union", "natural", "using", "window", "offset");

    private CatalogRewriter() {}

    /**
     * A table alias that is also an output column's name is renamed (alias__t): PostgreSQL binds
     * GROUP BY name to the output column, DuckDB to the table (dbt's relation query groups by
     * referenced_schema, the alias of both its pg_namespace join and a column).
     */
    static String shadowedTableAliases(String sql) {
        if (!SqlText.containsIgnoreCase(sql, "group by")) {
            return sql;
        }
        String text = sql;
        Matcher declaration = TABLE_ALIAS.matcher(sql);
        Set<String> renamed = new HashSet<>();
        int from = 0;
        while (declaration.find(from)) {
            String alias = declaration.group(2);
            String key = alias.toLowerCase(Locale.ROOT);
            // "FROM t JOIN u AS a": the JOIN that follows a table without an alias starts the next one
            from = NOT_ALIASES.contains(key) ? declaration.start(2) : declaration.end();
            if (NOT_ALIASES.contains(key) || !renamed.add(key)) {
                continue;
            }
            Pattern declared = Pattern.compile("(\\b(?:FROM|JOIN)\\s+[\\w.\"]+\\s+(?:AS\\s+)?)" + alias + "\\b",
                    Pattern.CASE_INSENSITIVE);
            Pattern named = Pattern.compile("\\bAS\\s+" + alias + "\\b", Pattern.CASE_INSENSITIVE);
            long declarations = declared.matcher(text).results().filter(m -> m.group(1).matches("(?is).*\\bAS\\s+")).count();
            if (named.matcher(text).results().count() > declarations) {
                text = declared.matcher(text).replaceAll("$1" + alias + "__t");
                text = Pattern.compile("(?<![\\w.\"])" + alias + "(\\s*\\.\\s*)(?=[\\w\"])", Pattern.CASE_INSENSITIVE)
                        .matcher(text).replaceAll(alias + "__t$1");
            }
        }
        return text;
    }

    /**
     * The system column tableoid, which every PostgreSQL table has, as the OID of the catalog its
     * alias names (pgAdmin: dep.classid = cls.tableoid); 0 for others.
     */
    static String tableOids(String sql) {
        Matcher tableoid = TABLEOID.matcher(sql);
        if (!tableoid.find()) {
            return sql;
        }
        Map<String, String> catalogs = new HashMap<>();
        Matcher relation = CATALOG_IN_FROM.matcher(sql);
        while (relation.find()) {
            catalogs.put(relation.group(1).toLowerCase(Locale.ROOT), relation.group(1));
            if (relation.group(2) != null) {
                catalogs.put(relation.group(2).toLowerCase(Locale.ROOT), relation.group(1));
            }
        }
        return tableoid.reset().replaceAll(m -> Matcher.quoteReplacement(
                Optional.ofNullable(catalogs.get(m.group(1).toLowerCase(Locale.ROOT)))
                        .map(catalog -> "to_regclass('pg_catalog." + catalog + "')").orElse("0::BIGINT")));
    }

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
        String result = tableOids(shadowedTableAliases(NestedCalls.rewrite(sql)));
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }
}
