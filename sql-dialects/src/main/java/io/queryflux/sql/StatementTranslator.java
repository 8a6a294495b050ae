package io.queryflux.sql;

import java.util.regex.Pattern;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/** Parses one statement and prints it for the target: the expensive path, taken only when needed. */
final class StatementTranslator {
    /** Function calls that JSQLParser reads only with complex parsing: MySQL's and Trino's if(c, a, b). */
    private static final Pattern SIMPLE_PARSING_REJECTS = Pattern.compile("(?i)\\bif\\s*\\(");
    /**
     * A stand-in printed as such ({@code ?2}). Stand-ins are used only in text without a {@code ?}
     * of its own, so this is one, or a restored literal holding such text (then the statement is
     * merely read again, without stand-ins).
     */
    private static final Pattern STAND_IN = Pattern.compile("\\?\\d");

    private StatementTranslator() {}

    /**
     * @param fastParser whether {@link FastSelectParser} is tried before JSQLParser; off only in
     *        tests that compare the two
     * @throws Untranslatable when the statement cannot be parsed, is not one of the kinds
     *         translated, or holds a construct without an equivalent in the target
     */
    static String translate(String sql, Dialect source, Dialect target, boolean fastParser) {
        LiteralStandIns literals = LiteralStandIns.standIn(sql, source);
        // The fast parser builds JSQLParser's own tree for the common subset, or gives up.
        Statement statement = fastParser ? FastSelectParser.parse(literals.sql()) : null;
        if (statement == null) {
            try {
                statement = parse(literals.sql());
            } catch (Untranslatable e) {
                if (literals.isEmpty()) {
                    throw e;
                }
                // A literal stood where a parameter cannot: read the statement as written.
                literals = LiteralStandIns.none(sql);
                statement = parse(sql);
            }
        }
        if (!isTranslated(statement)) {
            throw new Untranslatable(statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT) + " statement",
                    "only queries, INSERT, UPDATE, DELETE and CREATE TABLE ... AS are translated");
        }
        String printed = print(statement, source, target, literals, sql.length());
        if (!literals.isEmpty() && STAND_IN.matcher(printed).find()) {
            // A clause JSQLParser prints by itself, not through the printer (an INSERT's ON CONFLICT),
            // printed a stand-in as a parameter: read the statement as written instead.
            printed = print(parse(sql), source, target, LiteralStandIns.none(sql), sql.length());
        }
        return printed;
    }

    private static String print(Statement statement, Dialect source, Dialect target, LiteralStandIns literals,
            int length) {
        StringBuilder out = new StringBuilder(length + 32);
        TargetExpressionPrinter expressions = new TargetExpressionPrinter(source, target, literals, out);
        TargetSelectPrinter selects = new TargetSelectPrinter(target, expressions, out);
        expressions.setSelectVisitor(selects);
        statement.accept(new StatementDeParser(expressions, selects, out));
        return IdentifierQuotes.forTarget(out.toString(), target);
    }

    /**
     * The statements whose expressions are printed for the target: queries, and the writes that
     * carry values and queries (an INSERT's values, an UPDATE's assignments, a WHERE) whose
     * functions and casts mean as much as a query's. Other DDL is sent as written: its column
     * types are the engine's business, and JSQLParser does not print every option back.
     */
    private static boolean isTranslated(Statement statement) {
        return statement instanceof Select || statement instanceof Insert || statement instanceof Update
                || statement instanceof Delete || statement instanceof CreateTable create && create.getSelect() != null;
    }

    /**
     * Parses on the calling thread: CCJSqlParserUtil.parse hands each parse to an executor to
     * enforce a timeout, which costs a thread hop per statement. Like it, simple parsing is tried
     * first and complex parsing only when that fails, except where simple parsing is known to fail:
     * a failed parse builds its error by re-running every lookahead, which costs several parses.
     */
    static Statement parse(String sql) {
        boolean complexOnly = SIMPLE_PARSING_REJECTS.matcher(sql).find();
        try {
            return parse(sql, complexOnly);
        } catch (ParseException simpleFailed) {
            if (complexOnly) {
                throw unparsable(simpleFailed);
            }
            try {
                return parse(sql, true);
            } catch (ParseException | RuntimeException e) {
                throw unparsable(e);
            }
        } catch (RuntimeException e) {
            throw unparsable(e);
        }
    }

    /**
     * A query is parsed from the Select production directly: the Statement production first runs
     * a syntactic lookahead over the whole text to choose the kind of statement, about a tenth
     * of the parse. Anything else goes through Statement, so that it is named when rejected.
     */
    private static Statement parse(String sql, boolean complex) throws ParseException {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
        int first = parser.getToken(1).kind;
        Statement statement = first != CCJSqlParserConstants.K_SELECT && first != CCJSqlParserConstants.K_WITH
                && !"(".equals(parser.getToken(1).image) ? parser.Statement() : parser.Select();
        // One statement: a second would not be printed, so it would be lost.
        int next = 1;
        if (";".equals(parser.getToken(next).image)) {
            next++;
        }
        Token rest = parser.getToken(next);
        if (rest.kind != CCJSqlParserConstants.EOF) {
            throw new ParseException("unexpected \"" + rest.image + "\" at line " + rest.beginLine + ", column "
                    + rest.beginColumn);
        }
        return statement;
    }

    private static Untranslatable unparsable(Exception e) {
        return new Untranslatable("statement", "could not be parsed: " + firstLine(e.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
