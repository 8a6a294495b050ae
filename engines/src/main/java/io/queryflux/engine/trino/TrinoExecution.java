package io.queryflux.engine.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import java.net.URI;
import java.util.OptionalLong;

/**
 * One statement on a Trino cluster. {@link #run()} submits it and follows {@code nextUri}
 * until Trino knows the result columns; the cursor then fetches each further page only when
 * the reader has consumed the one before. Cancelling or closing early DELETEs the current
 * {@code nextUri}, which makes Trino cancel the query.
 */
final class TrinoExecution implements QueryExecution {
    private final TrinoHttp http;
    private final EngineQuery query;
    private volatile boolean cancelled;
    private volatile boolean closed;
    /** Where the query continues; null before submission and once Trino is done with it. */
    private volatile URI nextUri;

    TrinoExecution(TrinoHttp http, EngineQuery query) {
        this.http = requireNonNull(http, "http is null");
        this.query = requireNonNull(query, "query is null");
    }

    @Override
    public ResultCursor run() throws QueryException {
        checkOpen();
        TrinoPage page = accept(http.submit(query));
        while (page.columns().isEmpty() && nextUri != null) {
            page = nextPage();
        }
        if (page.updateType().isPresent()) {
            return updateResult(page);
        }
        return new TrinoCursor(this, page);
    }

    /**
     * DDL and DML report their count in {@code updateCount} (and in a one-row {@code rows}
     * column); the cursor shows only the count, as JDBC engines do.
     */
    private ResultCursor updateResult(TrinoPage page) throws QueryException {
        OptionalLong count = page.updateCount();
        for (TrinoPage more = nextPage(); more != null; more = nextPage()) {
            if (more.updateCount().isPresent()) {
                count = more.updateCount();
            }
        }
        return TrinoCursor.updateCount(count.orElse(0));
    }

    /** Fetches the page after the current one, or null once Trino has sent the last. */
    TrinoPage nextPage() throws QueryException {
        checkOpen();
        URI uri = nextUri;
        return uri == null ? null : accept(http.fetch(uri));
    }

    private TrinoPage accept(TrinoPage page) throws QueryException {
        nextUri = page.nextUri().orElse(null);
        if (cancelled || closed) {
            // A cancel or close that raced with this request had no nextUri to DELETE yet.
            abandon();
            checkOpen();
        }
        if (page.error().isPresent()) {
            nextUri = null;
            throw error(page.error().get());
        }
        return page;
    }

    private QueryException error(JsonNode error) {
        QueryException exception = TrinoErrors.toException(error);
        return cancelled ? canceled() : exception;
    }

    private void checkOpen() throws QueryException {
        if (cancelled) {
            throw canceled();
        }
        if (closed) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Query execution is closed");
        }
    }

    private static QueryException canceled() {
        return new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    @Override
    public void cancel() {
        cancelled = true;
        abandon();
    }

    /** Tells Trino to drop the query if it is still going; idempotent. */
    private void abandon() {
        URI uri = nextUri;
        nextUri = null;
        if (uri != null) {
            http.cancel(uri);
        }
    }

    @Override
    public void close() {
        closed = true;
        abandon();
    }
}
