package io.queryflux.engine;

/**
 * One statement on one engine. It exists before the statement runs so that another thread
 * (a client's cancel request, a disconnect, a queue timeout) can cancel it at any moment.
 */
public interface QueryExecution extends AutoCloseable {
    /**
     * Runs the statement and returns its result. Blocks until the engine produces the first
     * result (or fails); the cursor then streams the rest.
     */
    ResultCursor run() throws QueryException;

    /**
     * Asks the engine to stop the statement. Safe from any thread, before, during or after
     * {@link #run()}, and more than once. A blocked {@code run()} or {@code next()} then fails
     * with {@link ErrorCode#USER_CANCELED}.
     */
    void cancel();

    /** Frees the connection or session the execution holds; safe to call twice. */
    @Override
    void close();
}
