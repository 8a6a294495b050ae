package io.queryflux.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/** Parses one statement and prints it for the target: the expensive path, taken only when needed. */
final class StatementTranslator {
    private StatementTranslator() {}

    /**
     * @throws Untranslatable when the statement cannot be parsed, is not a query, or holds a
     *         construct without an equivalent in the target
     */
    static String translate(String sql, Dialect source, Dialect target) {
        Statement statement = parse(sql);
        if (!(statement instanceof Select)) {
            throw new Untranslatable(statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT) + " statement",
                    "only queries are translated");
        }
        StringBuilder out = new StringBuilder(sql.length() + 32);
        TargetExpressionPrinter expressions = new TargetExpressionPrinter(source, target, out);
        TargetSelectPrinter selects = new TargetSelectPrinter(target, expressions, out);
        expressions.setSelectVisitor(selects);
        statement.accept(new StatementDeParser(expressions, selects, out));
        return IdentifierQuotes.forTarget(out.toString(), target);
    }

    /**
     * Parses on the calling thread: CCJSqlParserUtil.parse hands each parse to an executor to
     * enforce a timeout, which costs a thread hop per statement. Like it, simple parsing is tried
     * first and complex parsing only when that fails.
     */
    private static Statement parse(String sql) {
        try {
            return parser(sql, false).Statement();
        } catch (ParseException simpleFailed) {
            try {
                return parser(sql, true).Statement();
            } catch (ParseException | RuntimeException e) {
                throw new Untranslatable("statement", "could not be parsed: " + firstLine(e.getMessage()));
            }
        } catch (RuntimeException e) {
            throw new Untranslatable("statement", "could not be parsed: " + firstLine(e.getMessage()));
        }
    }

    private static CCJSqlParser parser(String sql, boolean complex) {
        return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
