package io.queryflux.engine.athena;

import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StatementType;

/** Rows of a finished Athena query, one GetQueryResults page (at most 1000 rows) at a time. */
final class AthenaCursor implements ResultCursor {
    /** DML sub-statements that change rows and report {@code UpdateCount} instead of a result. */
    private static final Set<String> UPDATES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

    private final AthenaExecution execution;
    private final List<Column> columns;
    private final List<Function<String, Object>> parsers;
    private final OptionalLong updateCount;
    private List<Row> rows;
    private String nextToken;
    private int index;
    private List<Datum> row;

    private AthenaCursor(
            AthenaExecution execution, List<Column> columns, List<Row> rows, int firstRow, String nextToken, OptionalLong updateCount) {
        this.execution = execution;
        this.columns = List.copyOf(columns);
        this.parsers = columns.stream().map(c -> AthenaValues.parser(c.type())).toList();
        this.rows = rows;
        this.index = firstRow - 1;
        this.nextToken = nextToken;
        this.updateCount = updateCount;
    }

    static AthenaCursor open(AthenaExecution execution, QueryExecution query) throws QueryException {
        GetQueryResultsResponse first = execution.results(null);
        String subStatement = query.substatementType() == null ? "" : query.substatementType().toUpperCase(Locale.ROOT);
        List<Column> columns = first.resultSet().resultSetMetadata().columnInfo().stream()
                .map(c -> new Column(c.label() != null ? c.label() : c.name(), AthenaTypes.fromColumn(c)))
                .toList();
        if (UPDATES.contains(subStatement) || columns.isEmpty()) {
            long count = first.updateCount() == null ? 0 : first.updateCount();
            return new AthenaCursor(execution, List.of(), List.of(), 0, null, OptionalLong.of(count));
        }
        // Athena repeats the column labels as the first row of a SELECT's first page.
        int firstRow = query.statementType() == StatementType.DML && !first.resultSet().rows().isEmpty() ? 1 : 0;
        return new AthenaCursor(execution, columns, first.resultSet().rows(), firstRow, first.nextToken(), OptionalLong.empty());
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws QueryException {
        index++;
        while (index >= rows.size()) {
            if (nextToken == null) {
                row = null;
                return false;
            }
            GetQueryResultsResponse page = execution.results(nextToken);
            rows = page.resultSet().rows();
            nextToken = page.nextToken();
            index = 0;
        }
        row = rows.get(index).data();
        return true;
    }

    @Override
    public Object value(int column) throws QueryException {
        if (row == null) {
            throw new IllegalStateException("No current row");
        }
        String text = column < row.size() ? row.get(column).varCharValue() : null;
        if (text == null) {
            return null;
        }
        try {
            return parsers.get(column).apply(text);
        } catch (RuntimeException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot parse Athena value '" + text + "' of column "
                    + columns.get(column).name() + " as " + columns.get(column).type() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong updateCount() {
        return updateCount;
    }

    @Override
    public void close() {
        execution.close();
    }
}
