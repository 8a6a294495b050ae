package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/**
 * Prints SELECT blocks for one target. Before a block is printed its clauses are reshaped in
 * place: MySQL's {@code LIMIT m, n} and {@code WITH ROLLUP}, and Trino's rule that OFFSET comes
 * before the row limit. The tree is a fresh parse owned by this translation, so it may be changed.
 */
final class TargetSelectPrinter extends SelectDeParser {
    private final Dialect target;

    TargetSelectPrinter(Dialect target, TargetExpressionPrinter expressions, StringBuilder builder) {
        super(expressions, builder);
        this.target = requireNonNull(target, "target is null").family();
    }

    @Override
    public <S> StringBuilder visit(PlainSelect select, S context) {
        reshapeLimit(select);
        reshapeRollup(select.getGroupBy());
        if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null
                && (target == Dialect.TRINO || target == Dialect.MYSQL)) {
            throw new Untranslatable("DISTINCT ON", "no equivalent in " + target.configName());
        }
        return super.visit(select, context);
    }

    /** JSQLParser prints a table function as written; its call is printed here so rules apply inside it. */
    @Override
    public <S> StringBuilder visit(TableFunction table, S context) {
        if (table.isRowsFrom()) {
            throw new Untranslatable("ROWS FROM", "not translated");
        }
        StringBuilder out = getBuilder();
        if (table.getPrefix() != null) {
            out.append(table.getPrefix()).append(' ');
        }
        table.getFunction().accept(getExpressionVisitor(), context);
        if (table.getWithClause() != null) {
            out.append(" WITH ").append(table.getWithClause());
        }
        if (table.getAlias() != null) {
            out.append(table.getAlias());
        }
        return out;
    }

    private void reshapeLimit(PlainSelect select) {
        Limit limit = select.getLimit();
        if (limit != null && limit.getOffset() != null) {
            select.setOffset(new Offset().withOffset(limit.getOffset()));
            limit.setOffset(null);
        }
        if (target == Dialect.TRINO && limit != null && select.getOffset() != null && limit.getRowCount() != null) {
            // Trino's grammar wants OFFSET first; FETCH FIRST is printed after OFFSET.
            Fetch fetch = new Fetch().withExpression(limit.getRowCount());
            fetch.setFetchParamFirst(true);
            fetch.addFetchParameter("ROWS");
            fetch.addFetchParameter("ONLY");
            select.setFetch(fetch);
            select.setLimit(null);
        }
    }

    private void reshapeRollup(GroupByElement groupBy) {
        if (groupBy == null || !groupBy.isMysqlWithRollup() || target == Dialect.MYSQL) {
            return;
        }
        Function rollup = new Function();
        rollup.setName("ROLLUP");
        rollup.setParameters(new ExpressionList<>(groupBy.getGroupByExpressionList().getExpressions()));
        groupBy.setGroupByExpressions(new ExpressionList<>(rollup));
        groupBy.setMysqlWithRollup(false);
    }
}
