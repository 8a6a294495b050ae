package io.queryflux.protocol.trino;

import static java.util.Objects.requireNonNull;

import io.helidon.http.Header;
import io.queryflux.dispatch.QueryState;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.dispatch.SessionChange;
import io.queryflux.engine.Column;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.sql.ColumnLabels;
import io.queryflux.sql.Dialect;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A query as the Trino protocol sees it: a sequence of pages, each fetched by the token in the
 * previous page's {@code nextUri}. The query starts on its own virtual thread so that the
 * POST answers at once while the query waits in its group's queue; pages then read the cursor
 * on whatever thread the GET arrives on, one at a time under {@link #lock}.
 *
 * <p>Closing is owned by whoever finishes last: the starter thread closes a query that was
 * cancelled or failed while it started; otherwise the page that reads the end, the error, or a
 * cancel closes it, under the lock so it never races a page read.
 */
final class TrinoQuery {
    private static final List<Column> RESULT_COLUMN = List.of(new Column("result", SqlType.BOOLEAN));
    private static final List<Column> ROWS_COLUMN = List.of(new Column("rows", SqlType.BIGINT));
    private static final ColumnLabels LABELS = new ColumnLabels(Dialect.TRINO, 1_000);

    private final RunningQuery query;
    private final String slug;
    private final TrinoHttpConfig config;
    private final CountDownLatch startDone = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile long lastAccessNanos = System.nanoTime();
    private volatile boolean done;

    // Guarded by lock.
    private boolean started;
    private ResultCursor cursor;
    private List<Column> columns;
    private QueryException failure;
    private boolean closed;
    private long token;
    private Page lastPage;
    private long processedRows;
    private long processedBytes;

    /** A response: its JSON body and the headers that go with it. */
    record Page(byte[] json, List<Header> headers) {
        Page {
            requireNonNull(json, "json is null");
            headers = List.copyOf(requireNonNull(headers, "headers is null"));
        }
    }

    TrinoQuery(RunningQuery query, String slug, TrinoHttpConfig config) {
        this.query = requireNonNull(query, "query is null");
        this.slug = requireNonNull(slug, "slug is null");
        this.config = requireNonNull(config, "config is null");
    }

    String id() {
        return query.id();
    }

    String slug() {
        return slug;
    }

    /** Routes, queues and starts the query on a virtual thread of its own. */
    void start() {
        Thread.ofVirtual().name("trino-query-" + query.id()).start(this::runStart);
    }

    private void runStart() {
        ResultCursor result = null;
        QueryException error = null;
        try {
            result = query.start();
        } catch (QueryException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Internal error: " + e, e);
        }
        // Named outside the lock: parsing the statement must not hold up a cancel or a poll.
        List<Column> named = result == null ? List.of() : named(result.columns());
        lock.lock();
        try {
            started = true;
            cursor = result;
            columns = named;
            failure = error;
            if (error != null || closed) {
                closeQuery(); // nothing to read: give the slot back now
            }
        } finally {
            lock.unlock();
            startDone.countDown();
        }
    }

    /**
     * The columns named as Trino would name them, when an engine of another kind ran the query:
     * DuckDB calls {@code count(*)} "count_star()", Trino "_col0". Athena is Trino's own naming.
     */
    private List<Column> named(List<Column> engineColumns) {
        EngineType engine = query.engineType().orElse(EngineType.TRINO);
        if (engine == EngineType.TRINO || engine == EngineType.ATHENA || engineColumns.isEmpty()) {
            return engineColumns;
        }
        return LABELS.of(query.request().sql(), engineColumns.size())
                .map(names -> Column.renamed(engineColumns, names)).orElse(engineColumns);
    }

    /** The first response, sent by the POST before the query has started. */
    Page submitted(URI base) {
        touch();
        lock.lock();
        try {
            lastPage = new Page(results(base, QueryState.QUEUED, Optional.of(nextUri(base, "queued", 1)),
                    Optional.empty(), Optional.empty()).toJson(), List.of());
            return lastPage;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The page for a token: the next one, or the last one again when a client retries. Empty
     * when the token is neither (an old or made-up token).
     */
    Optional<Page> page(long requested, URI base) throws InterruptedException {
        requestsInFlight.incrementAndGet();
        try {
            // Wait outside the lock: the starter takes the lock to publish its result.
            startDone.await(config.maxWait().toNanos(), TimeUnit.NANOSECONDS);
            return pageAfterWait(requested, base);
        } finally {
            touch();
            requestsInFlight.decrementAndGet();
        }
    }

    private Optional<Page> pageAfterWait(long requested, URI base) {
        lock.lock();
        try {
            if (requested == token && lastPage != null) {
                return Optional.of(lastPage);
            }
            if (requested != token + 1 || done) {
                return Optional.empty();
            }
            Page page = nextPage(base, requested);
            token = requested;
            lastPage = page;
            return Optional.of(page);
        } finally {
            lock.unlock();
        }
    }

    private Page nextPage(URI base, long current) {
        if (!started && !closed) {
            QueryState state = query.state() == QueryState.RUNNING ? QueryState.RUNNING : QueryState.QUEUED;
            String phase = state == QueryState.QUEUED ? "queued" : "executing";
            return new Page(results(base, state, Optional.of(nextUri(base, phase, current + 1)), Optional.empty(),
                    Optional.empty()).toJson(), List.of());
        }
        if (failure == null && (closed || cursor == null)) {
            failure = new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
        }
        if (failure != null) {
            return failed(base);
        }
        if (columns.isEmpty()) {
            return statementDone(base);
        }
        try {
            Optional<RawPassthrough> raw = rawPassthrough();
            RowPage rows = raw.isPresent() ? RowPage.raw(raw.get())
                    : RowPage.read(cursor, config.maxRowsPerPage(), config.targetPageBytes());
            processedRows += rows.rows();
            processedBytes += rows.bytes();
            Optional<URI> next = Optional.empty();
            if (rows.last()) {
                done = true;
                closeQuery();
            } else {
                next = Optional.of(nextUri(base, "executing", current + 1));
            }
            QueryState state = rows.last() ? QueryState.FINISHED : QueryState.RUNNING;
            QueryResults results = raw.isPresent()
                    ? new QueryResults(query.id(), infoUri(base), next, Optional.empty(),
                            Optional.of(raw.get().rawColumns()), Optional.of(rows.json()), stats(state), Optional.empty(),
                            Optional.empty(), OptionalLong.empty())
                    : results(base, state, next, Optional.of(columns), Optional.of(rows.json()));
            return new Page(results.toJson(), List.of());
        } catch (QueryException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot encode the result: " + e, e);
        }
        return failed(base);
    }

    /** The engine's Trino-encoded pages, forwarded as they are, when it offers them and they are wanted. */
    private Optional<RawPassthrough> rawPassthrough() {
        return config.rawPassthrough() && cursor instanceof RawPassthrough raw
                && RawPassthrough.TRINO_JSON.equals(raw.format()) ? Optional.of(raw) : Optional.empty();
    }

    private Page failed(URI base) {
        done = true;
        closeQuery();
        QueryResults results = new QueryResults(query.id(), infoUri(base), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), stats(QueryState.FAILED), Optional.of(failure), Optional.empty(),
                OptionalLong.empty());
        return new Page(results.toJson(), List.of());
    }

    /** A statement without rows: a session change the proxy answered, DDL, or DML with a count. */
    private Page statementDone(URI base) {
        done = true;
        Optional<SessionChange> change = query.sessionChange();
        OptionalLong count = cursor.updateCount();
        closeQuery();
        String updateType = change.map(TrinoHeaders::updateType).orElseGet(() -> UpdateTypes.of(query.request().sql()));
        // Trino always answers with a column: "rows" for a count, "result" otherwise.
        List<Column> updateColumns = count.isPresent() ? ROWS_COLUMN : RESULT_COLUMN;
        String data = count.isPresent() ? "[[" + count.getAsLong() + "]]" : "[[true]]";
        QueryResults results = new QueryResults(query.id(), infoUri(base), Optional.empty(),
                Optional.of(updateColumns), Optional.empty(), Optional.of(data), stats(QueryState.FINISHED),
                Optional.empty(), Optional.of(updateType), count);
        return new Page(results.toJson(), change.map(TrinoHeaders::sessionChangeHeaders).orElse(List.of()));
    }

    /**
     * Cancels the query and frees its slot: from DELETE, from the reaper when the client stopped
     * polling, or at shutdown. The engine is interrupted first, without the lock, so that a page
     * blocked reading rows lets go of the lock promptly.
     */
    void cancel() {
        query.cancel();
        lock.lock();
        try {
            closeQuery();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the query closed; closes it now unless the starter is still inside start(), which then does. */
    private void closeQuery() {
        closed = true;
        if (started) {
            query.close();
        }
    }

    boolean isDone() {
        return done;
    }

    /** How long since the client last asked for this query; zero while a request is being answered. */
    Duration idle() {
        if (requestsInFlight.get() > 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(System.nanoTime() - lastAccessNanos);
    }

    private void touch() {
        lastAccessNanos = System.nanoTime();
    }

    private QueryResults results(URI base, QueryState state, Optional<URI> next, Optional<List<Column>> columns,
            Optional<String> data) {
        return new QueryResults(query.id(), infoUri(base), next, columns, Optional.empty(), data, stats(state), Optional.empty(),
                Optional.empty(), OptionalLong.empty());
    }

    private QueryResults.QueryStats stats(QueryState state) {
        long elapsed = Duration.between(query.created(), Instant.now()).toMillis();
        long queued = query.trace().queueWait().map(Duration::toMillis).orElse(state == QueryState.QUEUED ? elapsed : 0);
        return new QueryResults.QueryStats(state.name(), state == QueryState.QUEUED, state != QueryState.QUEUED,
                state == QueryState.QUEUED ? 0 : 1, queued, elapsed, processedRows, processedBytes);
    }

    private URI nextUri(URI base, String phase, long nextToken) {
        return URI.create(base + "/v1/statement/" + phase + "/" + query.id() + "/" + slug + "/" + nextToken);
    }

    private URI infoUri(URI base) {
        return URI.create(base + "/ui/query.html?" + query.id());
    }
}
