package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;

/**
 * Stands numbered parameters ({@code ?1}, {@code ?2}...) in for literals before JSQLParser reads
 * a statement, and gives the literals back after. A string literal is the most expensive token
 * JSQLParser meets: its grammar tries, by syntactic lookahead, every alternative of a primary
 * expression that starts with a name (function call, JSON expression, column...) before the
 * string one, each failing only after matching the token against some 300 keywords allowed as
 * names, and nested lookaheads repeat this; a number or the star of count(*) costs about a third
 * as much. A parameter is the third alternative tried, so each literal stood in for saves about
 * 40 us (a number about 10 us) of the parse of a short query.
 *
 * <p>Only literals where a parameter is also valid are stood in for: string literals after
 * {@code (}, {@code ,}, a comparison, {@code ||}, LIKE, ILIKE, a regular expression match, SELECT,
 * WHEN, THEN or ELSE (not after INTERVAL, DATE, a JSON arrow or a prefix such as E''); integers
 * right after a comparison and ending it ({@code id = 3}, never an operand of arithmetic, whose
 * type the printer reads for division); the star of {@code count(*)}. Nothing is stood in for in
 * text that holds a {@code ?} or a {@code $n} parameter, a comment or dollar quoting. The printer writes each parameter back
 * as the literal's original text, and function arguments are turned back into literals before
 * rules read them, so the translation is the same as parsing the original; should a stand-in not
 * parse, the original is parsed instead.
 */
final class LiteralStandIns {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    /** Tokens after which a string literal may be stood in for. */
    private static final Set<String> BEFORE = Set.of(
            "(", ",", "=", "<>", "!=", "<", ">", "<=", ">=", "||", "select", "when", "then", "else", "like", "ilike",
            "regexp", "rlike", "~", "~*", "!~", "!~*");

    private final String sql;
    private final List<String> literals;

    private LiteralStandIns(String sql, List<String> literals) {
        this.sql = requireNonNull(sql, "sql is null");
        this.literals = List.copyOf(literals);
    }

    /** The statement with its literals stood in for; {@link #sql()} is the input when there is none. */
    static LiteralStandIns standIn(String sql, Dialect source) {
        if (sql.contains("$$")) {
            // PostgreSQL dollar quoting, which this scan does not read.
            return none(sql);
        }
        boolean backslashEscapes = source.family() == Dialect.MYSQL;
        List<String> literals = new ArrayList<>();
        StringBuilder out = null;
        int copied = 0;
        String previous = "";
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '?' || c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                // The statement's own parameters ($1 is read as ?1) would be taken for stand-ins.
                return none(sql);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*'
                    || c == '#' && backslashEscapes) {
                // Comments are rare in dashboard queries; leave such a statement as written.
                return none(sql);
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = SqlQuotes.end(sql, i, c, c == '\'' && backslashEscapes);
                // A MySQL literal with backslash escapes is left for the parser to reject as before.
                boolean escaped = backslashEscapes && sql.lastIndexOf('\\', end) > i;
                if (c == '\'' && BEFORE.contains(previous) && !escaped && !nextIsQuote(sql, end)) {
                    if (out == null) {
                        out = new StringBuilder(n);
                    }
                    literals.add(sql.substring(i, end));
                    out.append(sql, copied, i).append('?').append(literals.size());
                    copied = end;
                }
                previous = c == '\'' ? "'" : "name";
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                if (isComparedInteger(sql, start, i, previous)) {
                    if (out == null) {
                        out = new StringBuilder(n);
                    }
                    literals.add(sql.substring(start, i));
                    out.append(sql, copied, start).append('?').append(literals.size());
                    copied = i;
                    previous = "name";
                    continue;
                }
                // A letter right before a quote is a prefix (E'', N'', X''...): the quote is not
                // read here as a literal after "previous", since previous becomes this word.
                previous = i < n && sql.charAt(i) == '\'' ? "prefix" : sql.substring(start, i).toLowerCase(Locale.ROOT);
            } else if (c == '(' || c == ')' || c == ',') {
                previous = String.valueOf(c);
                i++;
            } else if (c == '*' && isCountStar(sql, i, previous)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                literals.add("*");
                out.append(sql, copied, i).append('?').append(literals.size());
                copied = i + 1;
                previous = "name";
                i++;
            } else {
                int start = i;
                while (i < n && isOperatorChar(sql.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    i++;
                }
                previous = sql.substring(start, i);
            }
        }
        if (out == null) {
            return none(sql);
        }
        return new LiteralStandIns(out.append(sql, copied, n).toString(), literals);
    }

    /**
     * An integer compared with something ({@code id = 3}), and not an operand of arithmetic, whose
     * integer type the printer looks at for division: the next token ends the comparison.
     */
    private static boolean isComparedInteger(String sql, int start, int end, String previous) {
        if (!COMPARISONS.contains(previous)) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(sql.charAt(i))) {
                return false;
            }
        }
        int next = end;
        while (next < sql.length() && Character.isWhitespace(sql.charAt(next))) {
            next++;
        }
        if (next == sql.length()) {
            return true;
        }
        char c = sql.charAt(next);
        return c == ')' || c == ',' || c == ';' || next > end && Character.isLetter(c);
    }

    /** The star of {@code count(*)}, which JSQLParser reads as slowly as a number. */
    private static boolean isCountStar(String sql, int star, String previous) {
        if (!previous.equals("(") || !nextIs(sql, star + 1, ')')) {
            return false;
        }
        int k = star - 1;
        while (sql.charAt(k) != '(') {
            k--;
        }
        k--;
        while (k >= 0 && Character.isWhitespace(sql.charAt(k))) {
            k--;
        }
        int start = k - 4;
        return start >= 0 && sql.regionMatches(true, start, "count", 0, 5)
                && (start == 0 || !(Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_'));
    }

    private static boolean nextIs(String sql, int from, char expected) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == expected;
    }

    /** The statement as written, with nothing stood in for. */
    static LiteralStandIns none(String sql) {
        return new LiteralStandIns(sql, List.of());
    }

    private static boolean isOperatorChar(char c) {
        return "<>=!|-+*/%~:&^@.;[]{}".indexOf(c) >= 0;
    }

    /** Adjacent literals ('a' 'b') are one string in PostgreSQL and MySQL; they are left alone. */
    private static boolean nextIsQuote(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '\'';
    }

    String sql() {
        return sql;
    }

    boolean isEmpty() {
        return literals.isEmpty();
    }

    /** The original text of the literal a parameter stands in for, or null for any other expression. */
    String original(Expression expression) {
        if (expression instanceof JdbcParameter p && p.isUseFixedIndex() && p.getIndex() != null
                && p.getIndex() >= 1 && p.getIndex() <= literals.size()) {
            return literals.get(p.getIndex() - 1);
        }
        return null;
    }

    /** The literal a parameter stands in for, or the expression itself. */
    Expression restore(Expression expression) {
        String original = original(expression);
        if (original == null) {
            return expression;
        }
        if (original.startsWith("'")) {
            return new StringValue(original);
        }
        // The star of count(*) stays a parameter, printed back as written; no rule reads it.
        return original.equals("*") ? expression : new LongValue(original);
    }

    /** Turns parameters back into string literals among a call's arguments, nested calls included. */
    void restoreArguments(Function function) {
        ExpressionList<?> parameters = function.getParameters();
        if (literals.isEmpty() || parameters == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        ExpressionList<Expression> args = (ExpressionList<Expression>) parameters;
        for (int i = 0; i < args.size(); i++) {
            Expression arg = args.get(i);
            if (arg instanceof Function nested) {
                restoreArguments(nested);
            } else {
                args.set(i, restore(arg));
            }
        }
    }
}
