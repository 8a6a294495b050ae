package io.queryflux.engine.bench;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.arrow.ArrowExportable;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.engine.trino.TrinoClusterConfig;
import io.queryflux.engine.trino.TrinoEngine;
import io.queryflux.testing.TestingTrinoServer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Rows per second a reader gets out of an engine's cursor, reading every value: Trino (real
 * server, 1M rows) and DuckDB (5M rows, row by row and as Arrow batches). Run by
 * {@code bench/engines-stream.sh}; prints the median of several runs.
 */
public final class EngineStreamBench {
    private static final int RUNS = 5;

    private EngineStreamBench() {}

    public static void main(String[] args) throws Exception {
        try (DuckDbEngine duckDb = DuckDbEngine.open(Optional.empty())) {
            String duckSql = "SELECT i, i * 0.5 AS d, 'row ' || i AS s, DATE '2024-01-01' + (i % 1000)::INTEGER AS dt FROM range(5000000) t(i)";
            report("duckdb rows (bigint, double, varchar, date)", 5_000_000, () -> readRows(duckDb, duckSql));
            report("duckdb arrow (bigint, double, varchar, date)", 5_000_000, () -> readArrow(duckDb, duckSql));
        }
        try (TrinoEngine trino = new TrinoEngine(TrinoClusterConfig.of(TestingTrinoServer.get().uri()))) {
            String trinoSql = "SELECT a * 1000 + b AS n, CAST(a AS varchar) AS s, DECIMAL '1.25' * b AS d "
                    + "FROM UNNEST(sequence(0, 999)) x(a) CROSS JOIN UNNEST(sequence(0, 999)) y(b)";
            report("trino rows (bigint, varchar, decimal)", 1_000_000, () -> readRows(trino, trinoSql));
        }
        System.exit(0); // the test Trino server stops from its shutdown hook
    }

    private interface Run {
        long rows() throws Exception;
    }

    private static void report(String name, long expectedRows, Run run) throws Exception {
        run.rows(); // warm-up
        double[] rates = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            long rows = run.rows();
            if (rows != expectedRows) {
                throw new IllegalStateException(name + ": read " + rows + " rows, expected " + expectedRows);
            }
            rates[i] = rows / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("%-48s %,12.0f rows/s (median of %d, min %,.0f, max %,.0f)%n",
                name, rates[RUNS / 2], RUNS, rates[0], rates[RUNS - 1]);
    }

    private static EngineQuery query(String sql) {
        return new EngineQuery("bench", sql, "bench", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Set.of());
    }

    private static long readRows(Engine engine, String sql) throws QueryException {
        long rows = 0;
        long nonNull = 0;
        try (QueryExecution execution = engine.prepare(query(sql)); ResultCursor cursor = execution.run()) {
            int columns = cursor.columns().size();
            while (cursor.next()) {
                for (int i = 0; i < columns; i++) {
                    if (cursor.value(i) != null) {
                        nonNull++;
                    }
                }
                rows++;
            }
        }
        if (nonNull == 0) {
            throw new IllegalStateException("no values read");
        }
        return rows;
    }

    private static long readArrow(Engine engine, String sql) throws Exception {
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
                QueryExecution execution = engine.prepare(query(sql));
                ResultCursor cursor = execution.run();
                ArrowReader reader = ((ArrowExportable) cursor).exportArrow(allocator, 65_536)) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }
}
