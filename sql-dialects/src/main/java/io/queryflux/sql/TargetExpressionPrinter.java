package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperatorType;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;

/**
 * Prints expressions for one target dialect, rewriting what the source dialect means into what the
 * target spells: functions through {@link FunctionRules}, and the operators, casts and literals
 * whose meaning differs. Everything else is printed as JSQLParser would.
 */
final class TargetExpressionPrinter extends ExpressionDeParser implements Out {
    private final Dialect source;
    private final Dialect target;
    private final LiteralStandIns literals;

    TargetExpressionPrinter(Dialect source, Dialect target, LiteralStandIns literals, StringBuilder builder) {
        super(null, builder);
        this.source = requireNonNull(source, "source is null").family();
        this.target = requireNonNull(target, "target is null").family();
        this.literals = requireNonNull(literals, "literals is null");
    }

    @Override
    public Dialect target() {
        return target;
    }

    @Override
    public Out text(String sql) {
        getBuilder().append(sql);
        return this;
    }

    @Override
    public Out expr(Expression expression) {
        expression.accept(this, null);
        return this;
    }

    @Override
    public Out string(String value) {
        getBuilder().append('\'').append(value.replace("'", "''")).append('\'');
        return this;
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter parameter, S context) {
        String original = literals.original(parameter);
        if (original == null) {
            return super.visit(parameter, context);
        }
        getBuilder().append(original);
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(Function function, S context) {
        // Rules read literal arguments (formats, units, paths) as string literals.
        literals.restoreArguments(function);
        if (source.family() == Dialect.POSTGRES && TargetSql.regexSubstring(this, function)) {
            return getBuilder();
        }
        var rule = FunctionRules.find(source, function.getName());
        if (rule.isEmpty() || function.getNamedParameters() != null || function.isAllColumns()) {
            return super.visit(function, context);
        }
        List<Expression> args = function.getParameters() == null
                ? List.of()
                : new ArrayList<>(function.getParameters().getExpressions());
        rule.get().render(new FunctionCall(function.getName(), args, function), this);
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(Column column, S context) {
        String name = column.getColumnName();
        // Without ANSI_QUOTES, MySQL reads "text" as a string literal, not an identifier.
        if (source == Dialect.MYSQL && column.getTable() == null && name.length() > 1 && name.startsWith("\"")) {
            string(name.substring(1, name.length() - 1));
            return getBuilder();
        }
        return super.visit(column, context);
    }

    @Override
    public <S> StringBuilder visit(CastExpression cast, S context) {
        String keyword = cast.keyword == null ? "CAST" : cast.keyword.toUpperCase(Locale.ROOT);
        boolean tryCastTarget = target == Dialect.DUCKDB || target == Dialect.TRINO;
        if (!keyword.equals("CAST") && !(keyword.equals("TRY_CAST") && tryCastTarget)) {
            throw new Untranslatable(keyword, "no equivalent in " + target.configName());
        }
        if (source == Dialect.POSTGRES && isBytea(cast.getColDataType())
                && literals.restore(cast.getLeftExpression()) instanceof StringValue literal && literal.getPrefix() == null) {
            String text = literal.getValue().replace("''", "'");
            if (ByteaText.readsDifferently(text)) {
                TargetSql.fromHex(this, new StringValue(ByteaText.hex(text)));
                return getBuilder();
            }
        }
        text(keyword + "(").expr(cast.getLeftExpression()).text(" AS " + TypeNames.forTarget(cast.getColDataType(), target) + ")");
        return getBuilder();
    }

    private static boolean isBytea(ColDataType type) {
        return type.getDataType().equalsIgnoreCase("bytea") && (type.getArrayData() == null || type.getArrayData().isEmpty());
    }

    /** DATE '...' and TIMESTAMP '...' are printed as casts, so that the target's type names apply. */
    @Override
    public <S> StringBuilder visit(DateTimeLiteralExpression literal, S context) {
        ColDataType type = new ColDataType(literal.getType().name());
        text("CAST(" + literal.getValue() + " AS " + TypeNames.forTarget(type, target) + ")");
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(Division division, S context) {
        Expression left = division.getLeftExpression();
        Expression right = division.getRightExpression();
        boolean integers = IntegerTyping.isInteger(left) && IntegerTyping.isInteger(right);
        if (integers && truncatesIntegerDivision(source) && !truncatesIntegerDivision(target)) {
            integerDivision(left, right);
            return getBuilder();
        }
        if (integers && !truncatesIntegerDivision(source) && truncatesIntegerDivision(target)) {
            text("CAST(").expr(left).text(target == Dialect.POSTGRES ? " AS numeric) / " : " AS DOUBLE) / ").expr(right);
            return getBuilder();
        }
        return super.visit(division, context);
    }

    @Override
    public <S> StringBuilder visit(IntegerDivision division, S context) {
        integerDivision(division.getLeftExpression(), division.getRightExpression());
        return getBuilder();
    }

    /** Division truncated toward zero, as MySQL's DIV and Trino's integer division. */
    private void integerDivision(Expression left, Expression right) {
        switch (target) {
            case DUCKDB -> expr(left).text(" // ").expr(right);
            case MYSQL -> expr(left).text(" DIV ").expr(right);
            case POSTGRES -> text("div(").expr(left).text(", ").expr(right).text(")");
            default -> text("CAST(truncate(CAST(").expr(left).text(" AS DOUBLE) / ").expr(right).text(") AS BIGINT)");
        }
    }

    private static boolean truncatesIntegerDivision(Dialect dialect) {
        return dialect == Dialect.TRINO || dialect == Dialect.POSTGRES;
    }

    @Override
    public <S> StringBuilder visit(LikeExpression like, S context) {
        LikeExpression.KeyWord keyWord = like.getLikeKeyWord();
        if (keyWord == LikeExpression.KeyWord.REGEXP || keyWord == LikeExpression.KeyWord.RLIKE) {
            // MySQL's REGEXP is case-insensitive under the default collation, and matches anywhere.
            TargetSql.regexpContains(this, like.getLeftExpression(), like.getRightExpression(),
                    source == Dialect.MYSQL, like.isNot());
            return getBuilder();
        }
        boolean caseInsensitive = keyWord == LikeExpression.KeyWord.ILIKE
                // MySQL's LIKE is case-insensitive under the default collation.
                || keyWord == LikeExpression.KeyWord.LIKE && source == Dialect.MYSQL;
        if (keyWord != LikeExpression.KeyWord.LIKE && keyWord != LikeExpression.KeyWord.ILIKE) {
            return super.visit(like, context);
        }
        String not = like.isNot() ? " NOT" : "";
        if (!caseInsensitive || target == Dialect.MYSQL) {
            expr(like.getLeftExpression()).text(not + " LIKE ").expr(like.getRightExpression());
        } else if (target == Dialect.TRINO) {
            text("lower(").expr(like.getLeftExpression()).text(")" + not + " LIKE lower(")
                    .expr(like.getRightExpression()).text(")");
        } else {
            expr(like.getLeftExpression()).text(not + " ILIKE ").expr(like.getRightExpression());
        }
        if (like.getEscape() != null) {
            text(" ESCAPE ").expr(like.getEscape());
        }
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(RegExpMatchOperator operator, S context) {
        RegExpMatchOperatorType type = operator.getOperatorType();
        boolean caseInsensitive = type == RegExpMatchOperatorType.MATCH_CASEINSENSITIVE
                || type == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        boolean negated = type == RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE
                || type == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        // PostgreSQL's ~ matches anywhere; DuckDB's ~ must match the whole string.
        TargetSql.regexpContains(this, operator.getLeftExpression(), operator.getRightExpression(), caseInsensitive, negated);
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(CosineSimilarity operator, S context) {
        if (source != Dialect.MYSQL) {
            return super.visit(operator, context);
        }
        // In MySQL, <=> is the NULL-safe equality.
        if (target == Dialect.MYSQL) {
            expr(operator.getLeftExpression()).text(" <=> ").expr(operator.getRightExpression());
        } else {
            text("(").expr(operator.getLeftExpression()).text(" IS NOT DISTINCT FROM ")
                    .expr(operator.getRightExpression()).text(")");
        }
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(JsonExpression json, S context) {
        List<String> operators = new ArrayList<>();
        List<Expression> keys = new ArrayList<>();
        flatten(json, operators, keys);
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < keys.size(); i++) {
            String op = operators.get(i);
            Expression key = keys.get(i);
            boolean last = i == keys.size() - 1;
            if (!(op.equals("->") || op.equals("->>")) || (!last && op.equals("->>"))) {
                throw new Untranslatable("JSON operator " + op, "not translated");
            }
            if (key instanceof LongValue index) {
                path.append('[').append(index.getValue()).append(']');
            } else if (key instanceof StringValue s && s.getValue().startsWith("$") && keys.size() == 1) {
                path.setLength(0);
                path.append(s.getValue());
            } else if (key instanceof StringValue s && s.getValue().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                path.append('.').append(s.getValue());
            } else {
                throw new Untranslatable("JSON key " + key, "not translated");
            }
        }
        Expression pathLiteral = new StringValue(path.toString());
        if (operators.get(operators.size() - 1).equals("->>")) {
            TargetSql.jsonScalar(this, json.getExpression(), pathLiteral);
        } else {
            TargetSql.jsonValue(this, json.getExpression(), pathLiteral);
        }
        return getBuilder();
    }

    /**
     * Collects the chain of operators and keys. JSQLParser reads {@code j -> 'a' ->> 'b'} as
     * {@code j -> ('a' ->> 'b')}, so a key that is itself a JSON expression is unfolded.
     */
    private static void flatten(JsonExpression json, List<String> operators, List<Expression> keys) {
        List<String> ops = json.getOperators();
        List<Expression> idents = json.getIdents();
        for (int i = 0; i < idents.size(); i++) {
            if (idents.get(i) instanceof JsonExpression nested) {
                operators.add(ops.get(i));
                keys.add(nested.getExpression());
                flatten(nested, operators, keys);
            } else {
                operators.add(ops.get(i));
                keys.add(idents.get(i));
            }
        }
    }

    @Override
    public <S> StringBuilder visit(LambdaExpression lambda, S context) {
        if (target != Dialect.DUCKDB) {
            return super.visit(lambda, context);
        }
        // DuckDB 1.3 deprecated the arrow form, and its 2.0 rejects it.
        text("lambda " + String.join(", ", lambda.getIdentifiers()) + ": ").expr(lambda.getExpression());
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(Concat concat, S context) {
        if (source == Dialect.MYSQL) {
            throw new Untranslatable("||", "MySQL reads || as logical OR unless PIPES_AS_CONCAT is set");
        }
        if (target == Dialect.MYSQL) {
            text("CONCAT(").expr(concat.getLeftExpression()).text(", ").expr(concat.getRightExpression()).text(")");
            return getBuilder();
        }
        return super.visit(concat, context);
    }

    @Override
    public <S> StringBuilder visit(IntervalExpression interval, S context) {
        if (target == Dialect.DUCKDB) {
            // DuckDB reads every interval spelling our sources use.
            return super.visit(interval, context);
        }
        FunctionRules.Interval parsed = FunctionRules.Interval.of(interval);
        String unit = parsed.unit();
        switch (target) {
            case TRINO -> text("INTERVAL '").expr(parsed.amount()).text("' " + unit.toUpperCase(Locale.ROOT));
            case POSTGRES -> text("INTERVAL '").expr(parsed.amount()).text(" " + unit + "'");
            default -> text("INTERVAL ").expr(parsed.amount()).text(" " + unit.toUpperCase(Locale.ROOT));
        }
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(ExtractExpression extract, S context) {
        String field = extract.getName().toLowerCase(Locale.ROOT);
        Expression value = extract.getExpression();
        switch (field) {
            // Trino's dow is ISO (Monday 1); PostgreSQL's and DuckDB's is Sunday 0.
            case "dow", "day_of_week" -> {
                if (source == Dialect.TRINO) {
                    TargetSql.isoDayOfWeek(this, value);
                } else {
                    TargetSql.dayOfWeekFromSunday0(this, value);
                }
            }
            case "isodow" -> TargetSql.isoDayOfWeek(this, value);
            case "doy", "day_of_year" -> TargetSql.dayOfYear(this, value);
            case "epoch" -> TargetSql.toUnixtime(this, value);
            default -> {
                return super.visit(extract, context);
            }
        }
        return getBuilder();
    }
}
