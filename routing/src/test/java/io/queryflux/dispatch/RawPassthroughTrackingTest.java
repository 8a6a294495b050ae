package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Column;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.routing.RouterChain;
import io.queryflux.testing.DuckDbDispatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * RunningQuery keeps an engine's RawPassthrough capability visible to the frontend and tracks
 * the end of the raw pages, their failures and cancels as it does for rows.
 */
class RawPassthroughTrackingTest {
    private final List<QueryStatus> finished = new CopyOnWriteArrayList<>();

    private QueryDispatcher dispatcher(Engine engine) {
        ClusterGroup group = new ClusterGroup("g", List.of(new Cluster("c", engine, true, Integer.MAX_VALUE)),
                new GroupLimits(1, 10, Duration.ofSeconds(5)), new RoundRobinStrategy(), true);
        return new QueryDispatcher(new RouterChain(List.of(), "g"), Map.of("g", group), new QueryObserver() {
            @Override
            public void finished(FinishedQuery query) {
                finished.add(query.status());
            }
        });
    }

    private static QueryRequest request() {
        return new QueryRequest("SELECT x FROM t", new ClientSession(Protocol.TRINO_HTTP, "u", Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Set.of(), Map.of()));
    }

    @Test
    void rawPagesToTheEndSucceedAndFreeTheSlot() throws Exception {
        QueryDispatcher dispatcher = dispatcher(new PagesEngine(List.of("[[1]]", "[[2],[3]]"), false));
        RunningQuery query = dispatcher.submit(request());
        RawPassthrough raw = assertInstanceOf(RawPassthrough.class, query.start());
        assertEquals("[{\"name\":\"x\"}]", raw.rawColumns());
        assertEquals(new RawPassthrough.RawRows("[[1]]", 1), raw.nextRawRows().orElseThrow());
        assertEquals(new RawPassthrough.RawRows("[[2],[3]]", 2), raw.nextRawRows().orElseThrow());
        assertTrue(raw.nextRawRows().isEmpty());
        assertEquals(QueryState.FINISHED, query.state());
        query.close();
        assertEquals(List.of(QueryStatus.SUCCEEDED), finished);
        assertEquals(0, dispatcher.groups().get("g").runningQueries());
    }

    @Test
    void anUpstreamErrorFailsTheQuery() throws Exception {
        RunningQuery query = dispatcher(new PagesEngine(List.of("[[1]]"), true)).submit(request());
        RawPassthrough raw = (RawPassthrough) query.start();
        raw.nextRawRows();
        QueryException e = assertThrows(QueryException.class, raw::nextRawRows);
        assertEquals(ErrorCode.DIVISION_BY_ZERO, e.code());
        assertEquals(QueryState.FAILED, query.state());
        query.close();
        assertEquals(List.of(QueryStatus.FAILED), finished);
    }

    @Test
    void aCancelStopsTheRawPagesAndIsNotASuccess() throws Exception {
        PagesEngine engine = new PagesEngine(List.of("[[1]]", "[[2]]"), false);
        RunningQuery query = dispatcher(engine).submit(request());
        RawPassthrough raw = (RawPassthrough) query.start();
        raw.nextRawRows();
        query.cancel();
        assertTrue(engine.cancelled);
        assertEquals(ErrorCode.USER_CANCELED, assertThrows(QueryException.class, raw::nextRawRows).code());
        query.close();
        assertEquals(List.of(QueryStatus.CANCELLED), finished);
    }

    @Test
    void cursorsWithoutTheCapabilityDoNotClaimIt() throws Exception {
        try (DuckDbDispatcher duck = DuckDbDispatcher.start()) {
            RunningQuery query = duck.dispatcher().submit(request("SELECT 1"));
            try {
                assertFalse(query.start() instanceof RawPassthrough);
            } finally {
                query.close();
            }
        }
    }

    private static QueryRequest request(String sql) {
        return new QueryRequest(sql, request().session());
    }

    /** Hands out fixed raw pages, then ends or fails; a cancel makes the next page fail as Trino's would. */
    private static final class PagesEngine implements Engine {
        private final List<String> pages;
        private final boolean failAtEnd;
        private volatile boolean cancelled;

        PagesEngine(List<String> pages, boolean failAtEnd) {
            this.pages = pages;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public EngineType type() {
            return EngineType.TRINO;
        }

        @Override
        public QueryExecution prepare(EngineQuery query) {
            Deque<String> remaining = new ArrayDeque<>(pages);
            ResultCursor cursor = new PagesCursor(remaining);
            return new QueryExecution() {
                @Override
                public ResultCursor run() {
                    return cursor;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public ClusterHealth checkHealth(Duration timeout) {
            return ClusterHealth.healthy();
        }

        @Override
        public void close() {}

        private final class PagesCursor implements ResultCursor, RawPassthrough {
            private final Deque<String> remaining;

            PagesCursor(Deque<String> remaining) {
                this.remaining = remaining;
            }

            @Override
            public String format() {
                return TRINO_JSON;
            }

            @Override
            public String rawColumns() {
                return "[{\"name\":\"x\"}]";
            }

            @Override
            public Optional<RawRows> nextRawRows() throws QueryException {
                if (cancelled) {
                    throw new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
                }
                String page = remaining.poll();
                if (page == null) {
                    if (failAtEnd) {
                        throw new QueryException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
                    }
                    return Optional.empty();
                }
                return Optional.of(new RawRows(page, page.split("\\],\\[").length));
            }

            @Override
            public List<Column> columns() {
                return List.of(new Column("x", SqlType.INTEGER));
            }

            @Override
            public boolean next() {
                throw new UnsupportedOperationException("raw pages only");
            }

            @Override
            public Object value(int column) {
                throw new UnsupportedOperationException("raw pages only");
            }

            @Override
            public OptionalLong updateCount() {
                return OptionalLong.empty();
            }

            @Override
            public void close() {}
        }
    }
}
