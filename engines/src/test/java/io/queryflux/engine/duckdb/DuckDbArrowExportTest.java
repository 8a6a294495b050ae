package io.queryflux.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.arrow.ArrowExportable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DuckDbArrowExportTest {
    private static DuckDbEngine engine;

    @BeforeAll
    static void open() throws Exception {
        engine = DuckDbEngine.open(Optional.empty());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static EngineQuery query(String sql) {
        return new EngineQuery("q", sql, "u", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Set.of());
    }

    @Test
    void exportsAMillionRowsAsArrowBatches() throws Exception {
        String sql = "SELECT i, CASE WHEN i % 1000 = 0 THEN 'k' || i END AS label FROM range(1000000) t(i)";
        try (BufferAllocator allocator = new RootAllocator();
                QueryExecution execution = engine.prepare(query(sql));
                ResultCursor cursor = execution.run()) {
            assertTrue(cursor instanceof ArrowExportable, "DuckDB cursors export Arrow");
            long rows = 0;
            long sum = 0;
            int labels = 0;
            int batches = 0;
            try (ArrowReader reader = ((ArrowExportable) cursor).exportArrow(allocator, 65_536)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertEquals("i", root.getSchema().getFields().get(0).getName());
                while (reader.loadNextBatch()) {
                    batches++;
                    assertTrue(root.getRowCount() <= 65_536);
                    BigIntVector i = (BigIntVector) root.getVector(0);
                    VarCharVector label = (VarCharVector) root.getVector(1);
                    for (int r = 0; r < root.getRowCount(); r++) {
                        sum += i.get(r);
                        if (!label.isNull(r)) {
                            assertEquals("k" + i.get(r), new String(label.get(r)));
                            labels++;
                        }
                    }
                    rows += root.getRowCount();
                }
            }
            assertEquals(1_000_000, rows);
            assertEquals(999_999L * 1_000_000 / 2, sum);
            assertEquals(1000, labels);
            assertTrue(batches >= 16, "streamed in batches, got " + batches);
            assertEquals(0, allocator.getAllocatedMemory(), "every buffer released");
        }
    }

    @Test
    void rowsAndArrowDoNotMix() throws QueryException {
        try (BufferAllocator allocator = new RootAllocator();
                QueryExecution execution = engine.prepare(query("SELECT 42 AS answer"));
                ResultCursor cursor = execution.run()) {
            assertTrue(cursor.next());
            assertEquals(42, cursor.value(0));
            assertThrows(IllegalStateException.class, () -> ((ArrowExportable) cursor).exportArrow(allocator, 1024));
        }
    }
}
