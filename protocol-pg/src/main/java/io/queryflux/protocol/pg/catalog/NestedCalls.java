package io.queryflux.protocol.pg.catalog;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog rewrites whose operands may nest parentheses, which regular expressions cannot
 * match: each finds the start of a call, reads to its closing parenthesis, and replaces it.
 */
final class NestedCalls {
    /** A call: the text it is in, the match of its start, and its parentheses' positions. */
    record Call(String text, Matcher start, int open, int close) {
        String inside() {
            return text.substring(open, close);
        }

        String after() {
            return text.substring(close + 1);
        }
    }

    /**
     * A rewrite: {@code start} matches up to a call's opening parenthesis; {@code group} starts
     * what is replaced (through the closing parenthesis) by what {@code edit} returns, if anything.
     */
    private record Rewrite(Pattern start, int group, Function<Call, Optional<String>> edit) {}

    private static final Pattern AS_REGCLASS = Pattern.compile(
            "(?s)(.*)\\s+AS\\s+(?:pg_catalog\\s*\\.\\s*)?regclass\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("\\s+(?:AS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_WORD = Pattern.compile("(SELECT|FROM|JOIN|WHERE|ON|GROUP|ORDER|HAVING)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FROM_PATTERN = Pattern.compile("(?s)(.*)\\s+FROM\\s+('(?:[^']|'')*')\\s*",
            Pattern.CASE_INSENSITIVE);

    private static final List<Rewrite> REWRITES = List.of(
            // CAST(x AS regclass) looks the name up (Metabase casts format('%I.%I', schema, table)).
            new Rewrite(pattern("\\bCAST\\s*\\("), 0, call -> matching(AS_REGCLASS, call.inside())
                    .map(m -> "to_regclass(" + m.group(1) + ")")),
            // A scalar function in a FROM list is a one-row relation named by its alias in PostgreSQL
            // (Grafana: FROM generate_series(...) i, string_to_array(...) s); DuckDB takes only table
            // functions there, so it becomes a subquery.
            new Rewrite(pattern("(\\bFROM|,|\\bJOIN)\\s*((?:\"?pg_catalog\"?\\s*\\.\\s*)?(?:string_to_array"
                    + "|pg_indexam_has_property|pg_index_column_has_property|pg_index_has_property)\\s*\\()"), 2,
                    call -> {
                        Matcher alias = ALIAS.matcher(call.after());
                        return alias.lookingAt() ? Optional.of("(SELECT " + call.text().substring(call.start().start(2),
                                call.close() + 1) + " AS " + alias.group(1) + ")") : Optional.empty();
                    }),
            // substring(x FROM 'pattern') is a regular-expression substring (pgAdmin reads fillfactor
            // so): the first parenthesized group if the pattern has one, else the whole match.
            // DuckDB would read the pattern as a start position.
            new Rewrite(pattern("\\bsubstring\\s*\\("), 0, call -> matching(FROM_PATTERN, call.inside())
                    .map(m -> "regexp_extract(" + m.group(1) + ", " + m.group(2) + ", "
                            + (m.group(2).matches("(?s).*\\((?!\\?).*") ? 1 : 0) + ")")),
            // generate_series(a, b) in a select list is a set of rows in PostgreSQL (psqlODBC's
            // SQLForeignKeys numbers key columns so) and a list in DuckDB: unnest it.
            new Rewrite(pattern("(\\bSELECT\\b|,)\\s*((?:\"?pg_catalog\"?\\s*\\.\\s*)?generate_series\\s*\\()"), 2,
                    call -> inSelectList(call.text(), call.start().start(2))
                            ? Optional.of("unnest(" + call.text().substring(call.start().start(2), call.close() + 1) + ")")
                            : Optional.empty()),
            // x = ANY(ARRAY(subquery)) is x = ANY(subquery) (pgAdmin's role check).
            new Rewrite(pattern("\\bANY\\s*\\(\\s*(ARRAY\\s*\\()"), 1, call -> Optional.of(call.inside())));

    private NestedCalls() {}

    static String rewrite(String sql) {
        String text = sql;
        for (Rewrite rewrite : REWRITES) {
            text = apply(text, rewrite);
        }
        return text;
    }

    private static String apply(String sql, Rewrite rewrite) {
        String text = sql;
        int from = 0;
        while (true) {
            Matcher start = rewrite.start().matcher(text);
            if (!start.find(from)) {
                return text;
            }
            int close = closingParenthesis(text, start.end());
            if (close < 0) {
                return text;
            }
            Optional<String> replacement = rewrite.edit().apply(new Call(text, start, start.end(), close));
            if (replacement.isPresent()) {
                text = text.substring(0, start.start(rewrite.group())) + replacement.get() + text.substring(close + 1);
            }
            from = start.start() + 1; // calls inside this one come next
        }
    }

    /**
     * Whether {@code at} is in a select list: the nearest clause word before it at its own depth
     * of parentheses is SELECT (not FROM, JOIN, WHERE...).
     */
    private static boolean inSelectList(String text, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth-- == 0) {
                    return false;
                }
            } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                Matcher word = CLAUSE_WORD.matcher(text).region(i, text.length());
                if (word.lookingAt()) {
                    return word.group(1).equalsIgnoreCase("SELECT");
                }
            }
        }
        return false;
    }

    private static Optional<Matcher> matching(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    private static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** The index of the parenthesis closing one opened just before {@code start}, or -1. */
    private static int closingParenthesis(String text, int start) {
        int depth = 1;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
