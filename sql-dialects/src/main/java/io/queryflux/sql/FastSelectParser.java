package io.queryflux.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.IntervalQualifier;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperatorType;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * A recursive-descent parser for the common SELECT subset that builds the same JSQLParser tree
 * as {@code CCJSqlParser.Select()}, at a small fraction of its cost (JavaCC's nested syntactic
 * lookahead and the parser's construction dominate a translation). It gives up, returning null,
 * on anything outside the subset: an unknown token, keyword, clause or construct. Then the
 * statement is parsed by JSQLParser exactly as before. It never guesses; FastSelectParserTest
 * checks its trees against JSQLParser's, node class by node class and field by field.
 *
 * <p>The subset: [WITH name AS (query), ...] SELECT [DISTINCT] items (*, t.*, expressions with
 * aliases) FROM a table or a subquery, [INNER | LEFT] JOINs with ON, WHERE, GROUP BY [WITH ROLLUP],
 * HAVING, ORDER BY [ASC | DESC], LIMIT n [OFFSET m] and MySQL's LIMIT m, n. Expressions: OR, AND,
 * NOT, comparisons (MySQL's {@code <=>} too), [NOT] LIKE / ILIKE / REGEXP / RLIKE, PostgreSQL's
 * regular expression operators, [NOT] BETWEEN, [NOT] IN (list or subquery), IS [NOT] NULL,
 * + - || * / %, unary minus, {@code ::} casts to one-word types, CAST, TRY_CAST, CASE,
 * EXTRACT, INTERVAL, DATE and TIMESTAMP literals, function calls (with DISTINCT, ORDER BY, and
 * OVER (PARTITION BY ... ORDER BY ...)), scalar subqueries, bare date units as in
 * TIMESTAMPDIFF(HOUR, a, b), columns, literals and numbered parameters. Left to JSQLParser among
 * others: UNION, other joins, window frames, FILTER, WITHIN GROUP, JSON operators, arrays and
 * lambdas, comments, and special forms such as GROUP_CONCAT(... SEPARATOR ...).
 */
final class FastSelectParser {
    /** Thrown to unwind when the statement leaves the subset; one shared instance, no stack trace. */
    private static final class GiveUp extends RuntimeException {
        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();
    /** Keywords to JSQLParser's lexer that it still reads as plain function names (each one is tested). */
    static final Set<String> KEYWORD_FUNCTIONS = Set.of(
            "count", "max", "coalesce", "left", "right", "date", "truncate", "regexp_like", "sequence", "isnull", "if",
            "substring");
    /** Keywords to JSQLParser's lexer that it still reads as plain column names (each one is tested). */
    static final Set<String> KEYWORD_COLUMNS = Set.of("name");
    /** One-word type names whose JSQLParser reading is a plain ColDataType of that name. */
    static final Set<String> TYPES = Set.of(
            "int", "integer", "bigint", "smallint", "double", "real", "float", "numeric", "decimal", "date",
            "timestamp", "time", "text", "varchar", "char", "signed", "boolean", "json", "jsonb");
    /**
     * + - and || share one level in JSQLParser, as * / % share the next. MySQL's DIV is left to
     * JSQLParser, whose operand after DIV is narrower (it rejects IF(...) there).
     */
    private static final Map<String, BinaryOperator<Expression>> SUMS = Map.of(
            "+", Addition::new, "-", Subtraction::new, "||", Concat::new);
    private static final Map<String, BinaryOperator<Expression>> PRODUCTS = Map.of(
            "*", Multiplication::new, "/", Division::new, "%", Modulo::new);
    static final Set<String> INTERVAL_UNITS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    private final SelectTokens tokens;
    private int at;

    private FastSelectParser(SelectTokens tokens) {
        this.tokens = tokens;
    }

    /** The query's tree as JSQLParser would build it, or null when it is outside the subset. */
    static PlainSelect parse(String sql) {
        SelectTokens tokens = SelectTokens.scan(sql);
        if (tokens == null) {
            return null;
        }
        try {
            return new FastSelectParser(tokens).statement();
        } catch (GiveUp e) {
            return null;
        }
    }

    private PlainSelect statement() {
        List<WithItem<?>> with = accept("WITH") ? withItems() : null;
        PlainSelect select = select();
        select.setWithItemsList(with);
        accept(";");
        if (tokens.kind(at) != SelectTokens.Kind.END) {
            throw GIVE_UP;
        }
        return select;
    }

    private List<WithItem<?>> withItems() {
        List<WithItem<?>> items = new ArrayList<>();
        do {
            if (tokens.kind(at) != SelectTokens.Kind.WORD || !isName(at)) {
                throw GIVE_UP;
            }
            Alias name = new Alias(tokens.text(at++), false);
            expect("AS");
            expect("(");
            WithItem<ParenthesedSelect> item = new WithItem<>(subquery(), name);
            items.add(item);
        } while (accept(","));
        return items;
    }

    /** The SELECT after an opening parenthesis, up to and including the closing one. */
    private ParenthesedSelect subquery() {
        ParenthesedSelect subquery = new ParenthesedSelect();
        subquery.setSelect(select());
        expect(")");
        return subquery;
    }

    private PlainSelect select() {
        expect("SELECT");
        PlainSelect select = new PlainSelect();
        if (accept("DISTINCT")) {
            select.setDistinct(new Distinct());
        }
        List<SelectItem<?>> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (accept(","));
        select.setSelectItems(items);
        if (accept("FROM")) {
            select.setFromItem(fromItem());
            List<Join> joins = joins();
            if (!joins.isEmpty()) {
                select.setJoins(joins);
            }
        }
        if (accept("WHERE")) {
            select.setWhere(expression());
        }
        if (accept("GROUP")) {
            expect("BY");
            GroupByElement groupBy = new GroupByElement();
            groupBy.setGroupByExpressions(new ExpressionList<>(unbracketedExpressions()));
            if (accept("WITH")) {
                expect("ROLLUP");
                groupBy.setMysqlWithRollup(true);
            }
            select.setGroupByElement(groupBy);
        }
        if (accept("HAVING")) {
            select.setHaving(expression());
        }
        if (accept("ORDER")) {
            expect("BY");
            select.setOrderByElements(orderBy());
        }
        if (accept("LIMIT")) {
            limit(select);
        }
        return select;
    }

    private SelectItem<?> selectItem() {
        if (accept("*")) {
            return new SelectItem<>(new AllColumns());
        }
        if (isName(at) && tokens.is(at + 1, ".") && tokens.is(at + 2, "*")) {
            Table table = new Table(tokens.text(at));
            at += 3;
            // As JSQLParser builds it: no EXCEPT keyword, which the one-argument constructor sets.
            return new SelectItem<>(new AllTableColumns(table, null, null, null));
        }
        SelectItem<?> item = new SelectItem<>(expression());
        item.setAlias(alias());
        return item;
    }

    private Alias alias() {
        boolean useAs = accept("AS");
        if (isName(at)) {
            return new Alias(tokens.text(at++), useAs);
        }
        if (useAs) {
            throw GIVE_UP;
        }
        return null;
    }

    /** A table or a subquery, with its alias. */
    private FromItem fromItem() {
        FromItem item;
        if (accept("(")) {
            item = subquery();
        } else {
            String[] parts = qualifiedName();
            item = parts.length == 1 ? new Table(parts[0]) : new Table(parts[0], parts[1]);
        }
        item.setAlias(alias());
        return item;
    }

    private List<Join> joins() {
        List<Join> joins = new ArrayList<>();
        while (true) {
            Join join = new Join();
            if (accept("INNER")) {
                join.setInner(true);
            } else if (accept("LEFT")) {
                join.setLeft(true);
            } else if (!tokens.is(at, "JOIN")) {
                return joins;
            }
            expect("JOIN");
            join.setFromItem(fromItem());
            expect("ON");
            join.setOnExpression(expression());
            joins.add(join);
        }
    }

    private List<OrderByElement> orderBy() {
        List<OrderByElement> elements = new ArrayList<>();
        do {
            OrderByElement element = new OrderByElement();
            element.setExpression(expression());
            if (accept("ASC")) {
                element.setAscDescPresent(true);
            } else if (accept("DESC")) {
                element.setAsc(false);
                element.setAscDescPresent(true);
            }
            elements.add(element);
        } while (accept(","));
        return elements;
    }

    private void limit(PlainSelect select) {
        Limit limit = new Limit();
        LongValue first = integer();
        select.setLimit(limit);
        if (accept(",")) {
            // MySQL's LIMIT offset, count; an OFFSET after it is left to JSQLParser.
            limit.setOffset(first);
            limit.setRowCount(integer());
            return;
        }
        limit.setRowCount(first);
        if (accept("OFFSET")) {
            select.setOffset(new Offset().withOffset(integer()));
        }
    }

    private LongValue integer() {
        if (tokens.kind(at) != SelectTokens.Kind.INTEGER) {
            throw GIVE_UP;
        }
        return new LongValue(tokens.text(at++));
    }

    /**
     * A comma-separated list. JSQLParser reads an element that is only an expression in brackets,
     * as in f((a)), as the bracketed list itself, so such a list is left to it.
     */
    private List<Expression> expressions() {
        List<Expression> list = new ArrayList<>();
        do {
            Expression element = expression();
            if (element instanceof ParenthesedExpressionList) {
                throw GIVE_UP;
            }
            list.add(element);
        } while (accept(","));
        return list;
    }

    /** GROUP BY and PARTITION BY read a list in brackets, (a, b), as a list of its own. */
    private List<Expression> unbracketedExpressions() {
        if (tokens.is(at, "(")) {
            throw GIVE_UP;
        }
        return expressions();
    }

    private Expression expression() {
        Expression left = conjunction();
        while (accept("OR")) {
            left = new OrExpression(left, conjunction());
        }
        return left;
    }

    private Expression conjunction() {
        Expression left = negation();
        while (accept("AND")) {
            left = new AndExpression(left, negation());
        }
        return left;
    }

    private Expression negation() {
        return accept("NOT") ? new NotExpression(condition()) : condition();
    }

    /** A comparison or a postfix predicate over sums; one per condition, as in JSQLParser. */
    private Expression condition() {
        Expression left = sum();
        BinaryExpression comparison = tokens.kind(at) == SelectTokens.Kind.SYMBOL ? comparison(tokens.text(at)) : null;
        if (comparison != null) {
            at++;
            return binary(comparison, left, sum());
        }
        boolean not = accept("NOT");
        if (tokens.is(at, "LIKE") || tokens.is(at, "ILIKE") || tokens.is(at, "REGEXP") || tokens.is(at, "RLIKE")) {
            LikeExpression like = new LikeExpression();
            LikeExpression.KeyWord keyWord = LikeExpression.KeyWord.valueOf(tokens.text(at++).toUpperCase(Locale.ROOT));
            // JSQLParser rejects IF(...) right after REGEXP and RLIKE: not read here either.
            if ((keyWord == LikeExpression.KeyWord.REGEXP || keyWord == LikeExpression.KeyWord.RLIKE)
                    && tokens.is(at, "IF")) {
                throw GIVE_UP;
            }
            like.setLikeKeyWord(keyWord);
            like.setNot(not);
            return binary(like, left, sum());
        }
        if (accept("BETWEEN")) {
            Between between = new Between();
            between.setLeftExpression(left);
            between.setNot(not);
            between.setBetweenExpressionStart(betweenOperand());
            expect("AND");
            between.setBetweenExpressionEnd(betweenOperand());
            return between;
        }
        if (accept("IN")) {
            expect("(");
            InExpression in;
            if (tokens.is(at, "SELECT")) {
                in = new InExpression(left, subquery());
            } else {
                in = new InExpression(left, new ParenthesedExpressionList<>(expressions()));
                expect(")");
            }
            in.setNot(not);
            return in;
        }
        if (not) {
            throw GIVE_UP;
        }
        if (accept("IS")) {
            IsNullExpression isNull = new IsNullExpression(left);
            isNull.setNot(accept("NOT"));
            expect("NULL");
            return isNull;
        }
        RegExpMatchOperatorType regexp = regexpOperator();
        if (regexp != null) {
            at++;
            return binary(new RegExpMatchOperator(regexp), left, sum());
        }
        return left;
    }

    /** JSQLParser reads a subquery there as a whole operand, (SELECT 1) + 1 is rejected: left to it. */
    private Expression betweenOperand() {
        if (tokens.is(at, "(") && tokens.is(at + 1, "SELECT")) {
            throw GIVE_UP;
        }
        return sum();
    }

    private static BinaryExpression comparison(String symbol) {
        return switch (symbol) {
            case "=" -> new EqualsTo();
            case "<>", "!=" -> new NotEqualsTo(symbol);
            case "<" -> new MinorThan();
            case "<=" -> new MinorThanEquals();
            case ">" -> new GreaterThan();
            case ">=" -> new GreaterThanEquals();
            // MySQL's null-safe equality; JSQLParser names the node after a vector operator.
            case "<=>" -> new CosineSimilarity();
            default -> null;
        };
    }

    private RegExpMatchOperatorType regexpOperator() {
        if (tokens.kind(at) != SelectTokens.Kind.SYMBOL) {
            return null;
        }
        return switch (tokens.text(at)) {
            case "~" -> RegExpMatchOperatorType.MATCH_CASESENSITIVE;
            case "~*" -> RegExpMatchOperatorType.MATCH_CASEINSENSITIVE;
            case "!~" -> RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE;
            case "!~*" -> RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
            default -> null;
        };
    }

    private static Expression binary(BinaryExpression operator, Expression left, Expression right) {
        operator.setLeftExpression(left);
        operator.setRightExpression(right);
        return operator;
    }

    private Expression sum() {
        return leftToRight(SUMS, this::product);
    }

    private Expression product() {
        return leftToRight(PRODUCTS, this::signed);
    }

    private Expression leftToRight(Map<String, BinaryOperator<Expression>> operators, Supplier<Expression> operand) {
        Expression left = operand.get();
        while (true) {
            BinaryOperator<Expression> operator = tokens.kind(at) == SelectTokens.Kind.SYMBOL
                    ? operators.get(tokens.text(at))
                    : null;
            if (operator == null) {
                return left;
            }
            at++;
            left = operator.apply(left, operand.get());
        }
    }

    private Expression signed() {
        if (!accept("-")) {
            return cast();
        }
        if (tokens.is(at, "-") || tokens.is(at, "+")) {
            throw GIVE_UP;
        }
        return new SignedExpression('-', cast());
    }

    private Expression cast() {
        Expression value = primary();
        while (accept("::")) {
            CastExpression cast = new CastExpression();
            cast.setUseCastKeyword(false);
            cast.setLeftExpression(value);
            cast.setColDataType(type());
            value = cast;
        }
        return value;
    }

    private ColDataType type() {
        if (tokens.kind(at) != SelectTokens.Kind.WORD || !TYPES.contains(tokens.text(at).toLowerCase(Locale.ROOT))) {
            throw GIVE_UP;
        }
        return new ColDataType(tokens.text(at++));
    }

    private Expression primary() {
        int token = at;
        String text = tokens.text(token);
        switch (tokens.kind(token)) {
            case INTEGER -> {
                at++;
                return new LongValue(text);
            }
            case DECIMAL -> {
                at++;
                return new DoubleValue(text);
            }
            case STRING -> {
                at++;
                return new StringValue(text);
            }
            case PARAMETER -> {
                at++;
                return new JdbcParameter(Integer.valueOf(text.substring(1)), true, "?");
            }
            case QUOTED_NAME -> {
                return column();
            }
            case WORD -> {
                return word(text.toUpperCase(Locale.ROOT));
            }
            default -> {
                expect("(");
                if (tokens.is(at, "SELECT")) {
                    return subquery();
                }
                Expression inner = expression();
                expect(")");
                return new ParenthesedExpressionList<>(inner);
            }
        }
    }

    private Expression word(String upper) {
        switch (upper) {
            case "NULL" -> {
                at++;
                return new NullValue();
            }
            case "TRUE", "FALSE" -> {
                at++;
                return new BooleanValue(upper.equals("TRUE"));
            }
            case "CASE" -> {
                at++;
                return caseExpression();
            }
            case "CAST", "TRY_CAST" -> {
                // JSQLParser keeps the keyword as written.
                return castCall(tokens.text(at++));
            }
            case "EXTRACT" -> {
                at++;
                return extract();
            }
            case "INTERVAL" -> {
                at++;
                return interval();
            }
            case "DATE", "TIMESTAMP" -> {
                if (tokens.kind(at + 1) == SelectTokens.Kind.STRING) {
                    DateTimeLiteralExpression literal = new DateTimeLiteralExpression();
                    literal.setType(DateTimeLiteralExpression.DateTime.valueOf(upper));
                    literal.setValue(tokens.text(at + 1));
                    at += 2;
                    return literal;
                }
            }
            default -> {
            }
        }
        if (tokens.is(at + 1, "(")) {
            return function();
        }
        if (INTERVAL_UNITS.contains(upper) && (tokens.is(at + 1, ",") || tokens.is(at + 1, ")"))) {
            // A bare unit, as in TIMESTAMPDIFF(HOUR, a, b).
            at++;
            return new DateUnitExpression(DateUnitExpression.DateUnit.valueOf(upper));
        }
        return column();
    }

    private Expression function() {
        String name = tokens.text(at);
        if (!JSqlParserWords.isPlainName(name) && !KEYWORD_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
            throw GIVE_UP;
        }
        at += 2;
        Function function = new Function();
        // JSQLParser's name list is a growable ArrayList; setName(String) would give a fixed-size one.
        function.setName(new ArrayList<>(List.of(name)));
        if (accept(")")) {
            return accept("OVER") ? window(function) : function;
        }
        if (name.equalsIgnoreCase("substring")) {
            function.setName(name); // a keyword to JSQLParser, which names it so (a fixed-size list)
            if (!tokens.is(at, "*") && substringFrom(function)) {
                return function;
            }
        }
        if (tokens.is(at, "*") && tokens.is(at + 1, ")")) {
            at++;
            function.setParameters(new ExpressionList<>(new AllColumns()));
        } else {
            function.setDistinct(accept("DISTINCT"));
            function.setParameters(new ExpressionList<>(expressions()));
            if (accept("ORDER")) {
                expect("BY");
                function.setOrderByElements(orderBy());
            }
        }
        expect(")");
        return accept("OVER") ? window(function) : function;
    }

    /**
     * The standard's {@code substring(x FROM a [FOR b])}, as JSQLParser reads it: named parameters
     * with the words as written. False (nothing read) for the plain call {@code substring(x, a)}.
     */
    private boolean substringFrom(Function function) {
        int start = at;
        Expression value = expression();
        if (!tokens.is(at, "FROM")) {
            at = start;
            return false;
        }
        List<String> names = new ArrayList<>(List.of(""));
        NamedExpressionList<Expression> parameters = new NamedExpressionList<>();
        parameters.add(value);
        for (String word : List.of("FROM", "FOR")) {
            if (tokens.is(at, word)) {
                names.add(tokens.text(at++));
                parameters.add(expression());
            }
        }
        expect(")");
        parameters.setNames(names);
        function.setNamedParameters(parameters);
        return true;
    }

    /** {@code OVER ([PARTITION BY ...] [ORDER BY ...])}; frames and named windows are left to JSQLParser. */
    private AnalyticExpression window(Function function) {
        expect("(");
        AnalyticExpression analytic = new AnalyticExpression(function);
        analytic.setType(AnalyticType.OVER);
        WindowDefinition window = new WindowDefinition();
        if (accept("PARTITION")) {
            expect("BY");
            window.setPartitionExpressionList(new ExpressionList<>(unbracketedExpressions()));
        }
        if (accept("ORDER")) {
            expect("BY");
            window.setOrderByElements(orderBy());
        }
        expect(")");
        analytic.setWindowDefinition(window);
        return analytic;
    }

    private Column column() {
        String[] parts = qualifiedName();
        if (parts.length == 1) {
            return new Column(null, parts[0]);
        }
        return new Column(new Table(parts[0]), parts[1]);
    }

    /** A name or a name.name; a third part is left to JSQLParser. */
    private String[] qualifiedName() {
        if (!isName(at)) {
            throw GIVE_UP;
        }
        String first = tokens.text(at++);
        if (!accept(".")) {
            return new String[] {first};
        }
        if (!isName(at) || tokens.is(at + 1, ".") || tokens.is(at + 1, "(")) {
            throw GIVE_UP;
        }
        return new String[] {first, tokens.text(at++)};
    }

    private boolean isName(int token) {
        return switch (tokens.kind(token)) {
            case QUOTED_NAME -> true;
            case WORD -> {
                String word = tokens.text(token);
                yield JSqlParserWords.isPlainName(word) || KEYWORD_COLUMNS.contains(word.toLowerCase(Locale.ROOT));
            }
            default -> false;
        };
    }

    private CaseExpression caseExpression() {
        CaseExpression expression = new CaseExpression();
        if (!tokens.is(at, "WHEN")) {
            // JSQLParser's operand production takes no leading sign and no IF(...); conditions in
            // it are left to JSQLParser too.
            if (tokens.is(at, "-") || tokens.is(at, "IF")) {
                throw GIVE_UP;
            }
            expression.setSwitchExpression(sum());
        }
        List<WhenClause> clauses = new ArrayList<>();
        while (accept("WHEN")) {
            WhenClause clause = new WhenClause();
            clause.setWhenExpression(expression());
            expect("THEN");
            clause.setThenExpression(branch());
            clauses.add(clause);
        }
        if (clauses.isEmpty()) {
            throw GIVE_UP;
        }
        expression.setWhenClauses(clauses);
        if (accept("ELSE")) {
            expression.setElseExpression(branch());
        }
        expect("END");
        return expression;
    }

    /**
     * A THEN or ELSE result. JSQLParser's simple parsing reads NOT there as binding tighter than
     * arithmetic (NOT a - b is (NOT a) - b) but its complex parsing does not, and which one
     * applies depends on the rest of the statement; so a result starting with NOT is left to it.
     */
    private Expression branch() {
        if (tokens.is(at, "NOT")) {
            throw GIVE_UP;
        }
        return expression();
    }

    private CastExpression castCall(String keyword) {
        expect("(");
        CastExpression cast = new CastExpression(keyword);
        // JSQLParser reads no condition here, as in EXTRACT: CAST(a = b AS int) is rejected.
        cast.setLeftExpression(sum());
        expect("AS");
        cast.setColDataType(type());
        expect(")");
        return cast;
    }

    private ExtractExpression extract() {
        expect("(");
        if (tokens.kind(at) != SelectTokens.Kind.WORD) {
            throw GIVE_UP;
        }
        ExtractExpression extract = new ExtractExpression();
        extract.setName(tokens.text(at++));
        expect("FROM");
        extract.setExpression(sum());
        expect(")");
        return extract;
    }

    /** INTERVAL 'text', INTERVAL 'n' UNIT or INTERVAL n UNIT, with a one-word unit. */
    private IntervalExpression interval() {
        SelectTokens.Kind kind = tokens.kind(at);
        if (kind != SelectTokens.Kind.STRING && kind != SelectTokens.Kind.INTEGER) {
            throw GIVE_UP;
        }
        IntervalExpression interval = new IntervalExpression(true);
        interval.setParameter(tokens.text(at++));
        boolean word = tokens.kind(at) == SelectTokens.Kind.WORD;
        if (word && INTERVAL_UNITS.contains(tokens.text(at).toUpperCase(Locale.ROOT))) {
            interval.setIntervalQualifier(new IntervalQualifier(tokens.text(at++), null, null, null));
        } else if (kind == SelectTokens.Kind.INTEGER || word && isName(at)) {
            // A number needs a unit; a name after the text may be a unit JSQLParser reads (WEEK)
            // rather than an alias.
            throw GIVE_UP;
        }
        return interval;
    }

    private boolean accept(String expected) {
        if (tokens.is(at, expected)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String expected) {
        if (!accept(expected)) {
            throw GIVE_UP;
        }
    }
}
