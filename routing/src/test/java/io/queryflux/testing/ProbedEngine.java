package io.queryflux.testing;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real engine with a probe around it: it counts the executions that are running (from
 * {@code run()} until {@code close()}), keeps the highest count seen, records the order in which
 * statements started, and counts executions not yet closed, so tests can prove concurrency
 * limits, FIFO order and that no connection leaked. An optional hold after {@code run()} makes
 * every execution last long enough to overlap with others.
 */
public final class ProbedEngine implements Engine {
    private final Engine delegate;
    private final Duration holdAfterRun;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final List<String> startOrder = new CopyOnWriteArrayList<>();

    public ProbedEngine(Engine delegate, Duration holdAfterRun) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.holdAfterRun = requireNonNull(holdAfterRun, "holdAfterRun is null");
    }

    /** Executions between run() and close() now. */
    public int running() {
        return running.get();
    }

    /** The most executions ever between run() and close() at once. */
    public int maxRunning() {
        return maxRunning.get();
    }

    /** Executions prepared and not yet closed (each holds a connection). */
    public int open() {
        return open.get();
    }

    /** The SQL of each execution, in the order run() was entered. */
    public List<String> startOrder() {
        return List.copyOf(startOrder);
    }

    public void reset() {
        maxRunning.set(running.get());
        startOrder.clear();
    }

    @Override
    public EngineType type() {
        return delegate.type();
    }

    @Override
    public QueryExecution prepare(EngineQuery query) throws QueryException {
        QueryExecution execution = delegate.prepare(query);
        open.incrementAndGet();
        return new Probe(execution, query.sql());
    }

    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        return delegate.checkHealth(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Probe implements QueryExecution {
        private final QueryExecution execution;
        private final String sql;
        private final AtomicBoolean counted = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Probe(QueryExecution execution, String sql) {
            this.execution = execution;
            this.sql = sql;
        }

        @Override
        public ResultCursor run() throws QueryException {
            startOrder.add(sql);
            counted.set(true);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            ResultCursor cursor = execution.run();
            if (!holdAfterRun.isZero()) {
                try {
                    Thread.sleep(holdAfterRun);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return cursor;
        }

        @Override
        public void cancel() {
            execution.cancel();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                execution.close();
            } finally {
                if (counted.get()) {
                    running.decrementAndGet();
                }
                open.decrementAndGet();
            }
        }
    }
}
