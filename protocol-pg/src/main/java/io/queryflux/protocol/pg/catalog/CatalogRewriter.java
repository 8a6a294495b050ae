package io.queryflux.protocol.pg.catalog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL-only spellings clients use in catalog queries into what the mirror
 * (DuckDB's pg_catalog) accepts. Each rule is a small textual substitution.
 */
final class CatalogRewriter {
    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            rule("OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*([~!=<>]+\\*?)\\s*\\)", "$1"),
            rule("\\s+COLLATE\\s+pg_catalog\\s*\\.\\s*\"?default\"?", ""),
            rule("'[^']*'\\s*::\\s*(pg_catalog\\s*\\.\\s*)?regclass", "0"),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(regclass|regtype|regproc|regprocedure|oid|xid)\\b", "::BIGINT"),
            rule("::\\s*(pg_catalog\\s*\\.\\s*)?(name|\"char\"|text)\\b", "::VARCHAR"));

    private CatalogRewriter() {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement);
    }

    static String rewrite(String sql) {
        String result = sql;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }
}
