package io.queryflux.engine.athena;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * One statement on Athena: StartQueryExecution, GetQueryExecution with a doubling wait until an
 * end state, then GetQueryResults page by page as the cursor is read. Cancelling, closing
 * early and running past {@code maxWait} send StopQueryExecution.
 */
final class AthenaExecution implements QueryExecution {
    /** Athena's largest page. */
    static final int PAGE_SIZE = 1000;

    private final AthenaClient client;
    private final AthenaClusterConfig config;
    private final EngineQuery query;
    private final CountDownLatch cancelSignal = new CountDownLatch(1);
    private volatile boolean cancelled;
    private volatile boolean closed;
    private volatile String executionId;
    /** Athena reached an end state; there is nothing left to stop. */
    private volatile boolean ended;
    private final AtomicBoolean stopSent = new AtomicBoolean();

    AthenaExecution(AthenaClient client, AthenaClusterConfig config, EngineQuery query) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.query = requireNonNull(query, "query is null");
    }

    @Override
    public ResultCursor run() throws QueryException {
        checkOpen();
        String id = start();
        executionId = id;
        if (cancelled) {
            // A cancel that raced with StartQueryExecution had no id to stop.
            stop();
            throw canceled();
        }
        software.amazon.awssdk.services.athena.model.QueryExecution execution = awaitEnd(id);
        return AthenaCursor.open(this, execution);
    }

    private String start() throws QueryException {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(query.sql())
                .workGroup(config.workgroup())
                .queryExecutionContext(QueryExecutionContext.builder()
                        .catalog(query.catalog().orElse(config.catalog()))
                        .database(query.schema().or(config::database).orElse(null))
                        .build());
        config.outputLocation().ifPresent(location ->
                request.resultConfiguration(ResultConfiguration.builder().outputLocation(location).build()));
        try {
            return client.startQueryExecution(request.build()).queryExecutionId();
        } catch (SdkException e) {
            throw AthenaErrors.fromApi("StartQueryExecution", e);
        }
    }

    private software.amazon.awssdk.services.athena.model.QueryExecution awaitEnd(String id) throws QueryException {
        long deadline = System.nanoTime() + config.maxWait().toNanos();
        Duration wait = config.pollInitial();
        while (true) {
            software.amazon.awssdk.services.athena.model.QueryExecution execution;
            try {
                execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            } catch (SdkException e) {
                stop();
                throw AthenaErrors.fromApi("GetQueryExecution", e);
            }
            switch (execution.status().state()) {
                case SUCCEEDED -> {
                    ended = true;
                    return execution;
                }
                case FAILED -> {
                    ended = true;
                    throw AthenaErrors.failed(id, execution.status());
                }
                case CANCELLED -> {
                    ended = true;
                    throw cancelled ? canceled() : new QueryException(ErrorCode.USER_CANCELED,
                            "Athena query " + id + " was cancelled outside the proxy");
                }
                default -> {
                    // QUEUED or RUNNING: wait and ask again.
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                stop();
                throw new QueryException(ErrorCode.EXCEEDED_TIME_LIMIT,
                        "Athena query " + id + " did not finish within " + config.maxWait().toSeconds() + " s and was stopped");
            }
            if (awaitCancel(Math.min(wait.toNanos(), remaining))) {
                throw canceled();
            }
            wait = wait.multipliedBy(2).compareTo(config.pollMax()) > 0 ? config.pollMax() : wait.multipliedBy(2);
        }
    }

    /** Sleeps, waking early on cancel; true if cancelled. */
    private boolean awaitCancel(long nanos) throws QueryException {
        try {
            return cancelSignal.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw canceled();
        }
    }

    /** One page of results; the first when {@code nextToken} is null. */
    GetQueryResultsResponse results(String nextToken) throws QueryException {
        checkOpen();
        try {
            return client.getQueryResults(r -> r.queryExecutionId(executionId).maxResults(PAGE_SIZE).nextToken(nextToken));
        } catch (SdkException e) {
            throw AthenaErrors.fromApi("GetQueryResults", e);
        }
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
        cancelSignal.countDown();
        stop();
    }

    /** StopQueryExecution if the query started and has not ended; best effort. */
    private void stop() {
        String id = executionId;
        if (id == null || ended || !stopSent.compareAndSet(false, true)) {
            return;
        }
        try {
            client.stopQueryExecution(r -> r.queryExecutionId(id));
        } catch (SdkException ignored) {
            // The query may have ended meanwhile; Athena stops it on its own timeout otherwise.
        }
    }

    @Override
    public void close() {
        closed = true;
        stop();
    }
}
