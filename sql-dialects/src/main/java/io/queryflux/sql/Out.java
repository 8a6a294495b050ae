package io.queryflux.sql;

import net.sf.jsqlparser.expression.Expression;

/** Where rules write target SQL: plain text, or a sub-expression printed for the same target. */
interface Out {
    Out text(String sql);

    Out expr(Expression expression);

    /** A string literal, quoted and escaped for the target. */
    Out string(String value);

    Dialect target();

    default Out exprs(Iterable<? extends Expression> expressions, String separator) {
        String sep = "";
        for (Expression expression : expressions) {
            text(sep).expr(expression);
            sep = separator;
        }
        return this;
    }
}
