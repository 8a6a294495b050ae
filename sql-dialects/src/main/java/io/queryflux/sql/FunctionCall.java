package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;

/** A parsed function call handed to a {@link FunctionRules} rule. */
record FunctionCall(String name, List<Expression> args, Function function) {
    FunctionCall {
        requireNonNull(name, "name is null");
        args = List.copyOf(args);
        requireNonNull(function, "function is null");
    }

    Expression arg(int index) {
        if (index >= args.size()) {
            throw new Untranslatable(name + " with " + args.size() + " arguments", "expected at least " + (index + 1));
        }
        return args.get(index);
    }

    Expression optionalArg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    String stringArg(int index, String what) {
        return TargetSql.literal(arg(index), name + " " + what);
    }

    long longArg(int index, String what) {
        Expression e = arg(index);
        if (e instanceof LongValue v) {
            return v.getValue();
        }
        if (e instanceof SignedExpression s && s.getExpression() instanceof LongValue v) {
            return s.getSign() == '-' ? -v.getValue() : v.getValue();
        }
        throw new Untranslatable(name + " " + what + " " + e, "must be an integer literal to be translated");
    }
}
