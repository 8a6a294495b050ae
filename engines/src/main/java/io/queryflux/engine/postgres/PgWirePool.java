package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The postgres engine's own connections for forwarded results, at most {@code poolSize} of them.
 * Connections are opened on demand and kept while they end their queries cleanly; the most
 * recently used one is handed out first, so a quiet period lets the others idle.
 */
final class PgWirePool implements WireHome, AutoCloseable {
    private static final long RECHECK_AFTER_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final PostgresSettings settings;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PgWireConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    PgWirePool(PostgresSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.permits = new Semaphore(settings.poolSize(), true);
    }

    /** A pooled connection if one is idle, else a new one; waits up to the connect timeout for a free slot. */
    PgWireConnection borrow() throws QueryException {
        try {
            if (!permits.tryAcquire(settings.connectTimeoutSecs(), TimeUnit.SECONDS)) {
                throw new QueryException(ErrorCode.EXTERNAL_ERROR, "No PostgreSQL connection of cluster "
                        + settings.clusterName() + " became free within " + settings.connectTimeoutSecs() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(ErrorCode.USER_CANCELED, "Interrupted while waiting for a PostgreSQL connection", e);
        }
        PgWireConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            // One PostgreSQL ended while it idled is not handed out: a statement that writes is not
            // sent twice when its connection turns out dead. One back from its last statement a
            // moment ago is not looked at (a system call a query, under load).
            if (!connection.broken() && !(connection.idleFor(System.nanoTime()) > RECHECK_AFTER_IDLE_NANOS
                    && connection.spokeWhileIdle())) {
                return connection;
            }
            connection.markBroken();
            connection.close();
        }
        try {
            return open();
        } catch (QueryException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * A fresh connection in place of a pooled one that turned out to be dead. The slot stays
     * taken either way: the caller still releases {@code dead} (closed) if this fails.
     */
    @Override
    public PgWireConnection replace(PgWireConnection dead) throws QueryException {
        dead.close();
        return open();
    }

    private PgWireConnection open() throws QueryException {
        try {
            return PgWireConnection.open(settings);
        } catch (IOException e) {
            throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Cannot connect to PostgreSQL at " + settings.host()
                    + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** Gives a connection back: kept when it ended its query cleanly, else closed. */
    @Override
    public void release(PgWireConnection connection) {
        if (closed || connection.broken()) {
            connection.close();
        } else {
            connection.markIdle(System.nanoTime());
            idle.offerFirst(connection);
        }
        permits.release();
        if (closed) {
            closeIdle(); // a close() that raced with this release
        }
    }

    /** A plain query's result abandoned early is cancelled: nothing else shares its connection. */
    @Override
    public boolean cancelsAbandoned() {
        return true;
    }

    @Override
    public boolean commitsEachStatement() {
        return true;
    }

    @Override
    public boolean forwardsRowsOf(String sql) {
        return PostgresExecution.returnsRows(sql);
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        PgWireConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }
}
