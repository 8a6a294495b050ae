package io.queryflux.sql;

import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Decides, without a schema, whether an expression is certainly an integer. Division differs
 * between dialects only for integer operands (Trino and PostgreSQL truncate, DuckDB and MySQL do
 * not), so only those provable from the text itself are rewritten; columns are of unknown type.
 */
final class IntegerTyping {
    private static final Set<String> INTEGER_FUNCTIONS = Set.of(
            "count", "count_if", "length", "char_length", "strpos", "year", "month", "day", "hour", "minute",
            "quarter", "week", "dayofweek", "dayofmonth", "dayofyear", "day_of_week", "day_of_year",
            "approx_distinct", "approx_count_distinct", "cardinality", "datediff", "date_diff", "row_number",
            "rank", "dense_rank");

    private IntegerTyping() {}

    static boolean isInteger(Expression e) {
        return switch (e) {
            case LongValue ignored -> true;
            case SignedExpression s -> isInteger(s.getExpression());
            case ParenthesedExpressionList<?> p -> p.size() == 1 && isInteger(p.get(0));
            case CastExpression c -> TypeNames.isIntegerType(c.getColDataType());
            case Function f -> INTEGER_FUNCTIONS.contains(f.getName().toLowerCase(Locale.ROOT));
            case Addition a -> isInteger(a.getLeftExpression()) && isInteger(a.getRightExpression());
            case Subtraction s -> isInteger(s.getLeftExpression()) && isInteger(s.getRightExpression());
            case Multiplication m -> isInteger(m.getLeftExpression()) && isInteger(m.getRightExpression());
            case Modulo m -> isInteger(m.getLeftExpression()) && isInteger(m.getRightExpression());
            default -> false;
        };
    }
}
