package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.arrow.ArrowExportable;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.RouterChain;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cursor from {@link RunningQuery#start()} keeps the engine's Arrow export visible, and a
 * query read as Arrow is tracked like one read as rows: all batches read is a success, a cancel
 * mid-stream is a cancel, and the group slot comes back either way.
 */
class ArrowExportTrackingTest {
    private static final String GROUP = "default";
    private static DuckDbEngine engine;
    private static ClusterGroup group;
    private static QueryDispatcher dispatcher;
    private static final LinkedBlockingQueue<FinishedQuery> finished = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        engine = DuckDbEngine.open(Optional.empty());
        group = new ClusterGroup(GROUP, List.of(new Cluster("duckdb-1", engine, true, Integer.MAX_VALUE)),
                new GroupLimits(2, 10, Duration.ofSeconds(10)), new RoundRobinStrategy(), true);
        dispatcher = new QueryDispatcher(new RouterChain(List.of(), GROUP), Map.of(GROUP, group),
                new QueryObserver() {
                    @Override
                    public void finished(FinishedQuery query) {
                        finished.add(query);
                    }
                });
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static RunningQuery submit(String sql) {
        return dispatcher.submit(new QueryRequest(sql, ClientSession.of(Protocol.FLIGHT_SQL, "u")));
    }

    @Test
    void readingEveryBatchCompletesTheQuery() throws Exception {
        long rows = 0;
        RunningQuery query = submit("SELECT i FROM range(300000) t(i)");
        try (BufferAllocator allocator = new RootAllocator()) {
            ResultCursor cursor = query.start();
            ArrowExportable export = assertInstanceOf(ArrowExportable.class, cursor);
            try (ArrowReader reader = export.exportArrow(allocator, 10_000)) {
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
            }
            query.close();
        }
        assertEquals(300_000, rows);
        assertEquals(QueryState.FINISHED, query.state());
        assertEquals(QueryStatus.SUCCEEDED, finished(query).status());
        assertEquals(0, group.runningQueries());
    }

    @Test
    void cancelWhileReadingBatchesFailsTheNextBatchAndIsRecorded() throws Exception {
        RunningQuery query = submit("SELECT i FROM range(10000000) t(i)");
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowExportable export = (ArrowExportable) query.start();
            try (ArrowReader reader = export.exportArrow(allocator, 10_000)) {
                assertTrue(reader.loadNextBatch());
                query.cancel();
                IOException e = assertThrows(IOException.class, reader::loadNextBatch);
                QueryException cause = assertInstanceOf(QueryException.class, e.getCause());
                assertEquals(ErrorCode.USER_CANCELED, cause.code());
            }
            query.close();
        }
        assertEquals(QueryState.CANCELED, query.state());
        assertEquals(QueryStatus.CANCELLED, finished(query).status());
        assertEquals(0, group.runningQueries());
    }

    @Test
    void closingAnUnfinishedExportCancelsTheQuery() throws Exception {
        RunningQuery query = submit("SELECT i FROM range(10000000) t(i)");
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowExportable export = (ArrowExportable) query.start();
            try (ArrowReader reader = export.exportArrow(allocator, 10_000)) {
                assertTrue(reader.loadNextBatch());
            }
            query.close();
        }
        assertTrue(query.isCancelled());
        assertEquals(QueryStatus.CANCELLED, finished(query).status());
        assertEquals(0, group.runningQueries());
    }

    private static FinishedQuery finished(RunningQuery query) throws InterruptedException {
        while (true) {
            FinishedQuery next = finished.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("query " + query.id() + " never finished");
            }
            if (next.queryId().equals(query.id())) {
                return next;
            }
        }
    }
}
