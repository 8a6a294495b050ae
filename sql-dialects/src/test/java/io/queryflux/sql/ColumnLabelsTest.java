package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The naming rules per client dialect; checked against the real databases in PostgresCorpusTest and the server's TrinoColumnNamesTest. */
class ColumnLabelsTest {
    private final ColumnLabels trino = new ColumnLabels(Dialect.TRINO, 10);
    private final ColumnLabels postgres = new ColumnLabels(Dialect.POSTGRES, 10);

    @Test
    void valuesColumnsAreNumberedFromZeroInTrinoAndFromOneInPostgres() {
        assertEquals(Optional.of(List.of("_col0", "_col1")), trino.of("VALUES (1, 'a')"));
        assertEquals(Optional.of(List.of("column1", "column2")), postgres.of("VALUES (1, 'a')"));
    }

    @Test
    void trinoKeepsNamesAsWrittenAndNumbersExpressionsByPosition() {
        assertEquals(Optional.of(List.of("ID", "_col1", "N", "x y")),
                trino.of("SELECT ID, count(*), id AS N, \"x y\" FROM t"));
        assertEquals(Optional.of(List.of("id", "count", "n")), postgres.of("SELECT ID, count(*), id AS N FROM t"));
    }

    @Test
    void unknownWidthOrDialectLeavesTheEngineNames() {
        assertEquals(Optional.empty(), trino.of("SELECT *, id + 1 FROM t"));
        assertEquals(Optional.empty(), new ColumnLabels(Dialect.MYSQL, 10).of("SELECT 1"));
    }
}
