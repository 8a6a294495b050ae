package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.Admission;
import io.queryflux.cluster.AdmitResult;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.engine.Column;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.RawPassthrough;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.StatementDescription;
import io.queryflux.engine.arrow.ArrowExportable;
import io.queryflux.routing.RoutingDecision;
import io.queryflux.sql.Translation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One query from the moment a frontend submits it until it is closed. The thread that calls
 * {@link #start()} routes it, waits for its group slot, runs it and reads its rows;
 * {@link #cancel()} may come from any thread at any point. {@link #close()} gives back the
 * group slot and the engine connection exactly once, on every path.
 */
public final class RunningQuery implements AutoCloseable {
    private final String id;
    private final QueryRequest request;
    private final QueryDispatcher dispatcher;
    private final Optional<ClientTransaction> transaction;
    private final Instant created = Instant.now();
    private final long createdNanos = System.nanoTime();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    // Guards the hand-overs between the thread in start() and cancel()/close() on other threads:
    // an interrupt meant for the queue wait never lands after the queue is left, and a slot or
    // connection acquired after close() is given back rather than lost.
    private final ReentrantLock lock = new ReentrantLock();
    private Thread waiter;
    private boolean starting;

    private volatile QueryState state = QueryState.QUEUED;
    private volatile RoutingDecision routing;
    private volatile ClusterGroup group;
    private volatile Admission admission;
    /** The transaction block the query ran in, bound before it or by it: its slot is the block's to give back. */
    private volatile ClientTransaction.Binding inTransaction;
    private volatile Translation translation;
    private volatile QueryExecution execution;
    private volatile boolean completed;
    private volatile QueryException failure;
    private volatile Optional<SessionChange> sessionChange = Optional.empty();
    private final List<OverflowStep> overflows = new CopyOnWriteArrayList<>();

    RunningQuery(String id, QueryRequest request, QueryDispatcher dispatcher, Optional<ClientTransaction> transaction) {
        this.id = requireNonNull(id, "id is null");
        this.request = requireNonNull(request, "request is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.transaction = requireNonNull(transaction, "transaction is null");
    }

    public String id() {
        return id;
    }

    public QueryRequest request() {
        return request;
    }

    public QueryState state() {
        return state;
    }

    public Instant created() {
        return created;
    }

    /** Set when the statement changed session state instead of reading data. */
    public Optional<SessionChange> sessionChange() {
        return sessionChange;
    }

    /** The type of engine the query was placed on; empty before it is placed or when it never is. */
    public Optional<EngineType> engineType() {
        return Optional.ofNullable(admission).map(a -> a.cluster().engine().type());
    }

    public Optional<QueryException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Routes, queues, and runs the query; blocks until the engine has produced the first result.
     * Call once. The returned cursor stays valid until {@link #close()}.
     */
    public ResultCursor start() throws QueryException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("query " + id + " already started");
        }
        setStarting(true);
        try {
            ResultCursor cursor = run();
            if (cursor instanceof RawPassthrough raw) {
                return new TrackingRawCursor(cursor, raw);
            }
            if (cursor instanceof PgWireRows wire) {
                return new TrackingPgWireCursor(cursor, wire);
            }
            if (cursor instanceof PgWireCopyIn copy) {
                return new TrackingPgCopyIn(cursor, copy);
            }
            if (cursor instanceof PgWireDescription description) {
                return new TrackingPgDescription(cursor, description);
            }
            if (cursor instanceof StatementDescription description) {
                return description; // complete as it comes: no rows to track
            }
            return cursor instanceof ArrowExportable ? new ArrowTrackingCursor(cursor) : new TrackingCursor(cursor);
        } catch (QueryException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            throw fail(new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "Internal error: " + e, e));
        } finally {
            // A close() from another thread while this one was starting left the release to us.
            setStarting(false);
            if (closed.get()) {
                release();
            }
        }
    }

    private void setStarting(boolean value) {
        lock.lock();
        try {
            starting = value;
        } finally {
            lock.unlock();
        }
    }

    private ResultCursor run() throws QueryException {
        checkNotCancelled();
        Optional<SessionChange> change = SessionStatements.parse(request.sql());
        if (change.isPresent()) {
            sessionChange = change;
            completed = true;
            state = QueryState.FINISHED;
            return EmptyCursor.INSTANCE;
        }
        Optional<ClientTransaction.Binding> bound = transaction.flatMap(ClientTransaction::binding);
        if (bound.isPresent()) {
            return runInTransaction(bound.get());
        }
        long routingStart = System.nanoTime();
        routing = dispatcher.routerChain().route(request);
        dispatcher.observer().routed(routing, Duration.ofNanos(System.nanoTime() - routingStart));
        if (routing.denial().isPresent()) {
            throw new QueryException(ErrorCode.QUERY_REJECTED, routing.denial().get());
        }
        group = dispatcher.group(routing.group().orElseThrow());
        admission = admitInterruptibly(group);
        dispatcher.observer().admitted(admission.group().name(), admission.queueWait());
        checkNotCancelled();
        if (transaction.isPresent()) {
            bindTransaction(transaction.get());
        }
        return placed();
    }

    /** The block's later statements go where its first went, on its connection: no routing, no queue. */
    private ResultCursor runInTransaction(ClientTransaction.Binding bound) throws QueryException {
        inTransaction = bound;
        routing = bound.routing();
        admission = bound.admission();
        group = admission.group();
        return placed();
    }

    /**
     * Begins the block's transaction on the cluster the query was placed on, if its engine has
     * them; from now on the block holds the slot.
     */
    private void bindTransaction(ClientTransaction block) throws QueryException {
        Optional<EngineTransaction> engine = admission.cluster().engine().beginTransaction(engineQuery(request.sql()),
                block.mode());
        if (engine.isPresent()) {
            Runnable unregister = dispatcher.transactions().add(new OpenTransaction(id, request.session().protocol(),
                    request.session().user(), admission.group().name(), admission.cluster().name(),
                    admission.cluster().engine().type().configName(), Instant.now()));
            ClientTransaction.Binding binding = new ClientTransaction.Binding(id, routing, admission, engine.get(),
                    unregister);
            block.bind(binding);
            admission.holdForTransaction();
            inTransaction = binding;
        }
    }

    private ResultCursor placed() throws QueryException {
        checkNotCancelled();
        state = QueryState.RUNNING;
        ResultCursor cursor;
        try {
            cursor = execute(admission);
        } catch (QueryException e) {
            // An engine error caused by our own cancel says nothing about the cluster.
            if (!cancelled.get()) {
                admission.failed(e);
            }
            throw e;
        }
        admission.succeeded();
        // A forwarded result is not typed unless asked: its RowDescription says whether it has rows.
        // A description is complete as it comes; a COPY FROM STDIN only at CopyDone.
        if (cursor instanceof PgWireDescription || cursor instanceof StatementDescription || (!(cursor instanceof PgWireCopyIn)
                && (cursor instanceof PgWireRows rows ? rows.rowDescription() == null : cursor.columns().isEmpty()))) {
            completed = true;
        }
        return cursor;
    }

    private ResultCursor execute(Admission placed) throws QueryException {
        ClientSession session = request.session();
        EngineType engine = placed.cluster().engine().type();
        if (request.onlyOn().isPresent() && request.onlyOn().get() != engine) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "this statement runs only on a "
                    + request.onlyOn().get().configName() + " engine, and group '" + placed.group().name()
                    + "' placed it on " + engine.configName() + " cluster '" + placed.cluster().name() + "'");
        }
        if (StatementDescription.requested(request.forwardFormats())
                && !placed.cluster().engine().describesAnyStatement()) {
            // Any other engine would run the statement.
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "cluster '" + placed.cluster().name()
                    + "' cannot describe a statement without running it");
        }
        translation = dispatcher.translation().translate(request.sql(), session.protocol(),
                placed.group().name(), engine);
        dispatcher.observer().translated(translation);
        EngineQuery query = engineQuery(translation.sql());
        ClientTransaction.Binding block = inTransaction;
        execution = block != null ? block.engine().prepare(query) : placed.cluster().engine().prepare(query);
        // A cancel() that read execution before it was set did not reach the engine.
        if (cancelled.get()) {
            execution.cancel();
        }
        return execution.run();
    }

    private EngineQuery engineQuery(String sql) {
        ClientSession session = request.session();
        return new EngineQuery(id, sql, session.user(), session.source(), session.catalog(), session.schema(),
                session.sessionProperties(), session.clientTags(), request.forwardFormats());
    }

    /**
     * Waits for a slot in the target group or, when it spills the query, in its overflow groups
     * in turn. A group whose overflow was already visited is entered without spilling, so a
     * cycle in the overflow config cannot send a query round for ever.
     */
    private Admission admit(ClusterGroup target) throws QueryException, InterruptedException {
        Set<String> visited = new HashSet<>();
        ClusterGroup current = target;
        while (true) {
            group = current;
            visited.add(current.name());
            boolean maySpill = current.overflow().filter(o -> !visited.contains(o.group())).isPresent();
            AdmitResult result = maySpill ? current.admitOrSpill() : new AdmitResult.Admitted(current.admit());
            switch (result) {
                case AdmitResult.Admitted admitted -> {
                    return admitted.admission();
                }
                case AdmitResult.Spilled spilled -> {
                    overflows.add(new OverflowStep(current.name(), spilled.overflowGroup(), spilled.reason()));
                    dispatcher.observer().overflowed(current.name(), spilled.overflowGroup());
                    current = dispatcher.group(spilled.overflowGroup());
                }
            }
        }
    }

    private Admission admitInterruptibly(ClusterGroup target) throws QueryException {
        lock.lock();
        try {
            waiter = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            // cancel() sets its flag before it looks for a waiter: either it saw this thread and
            // interrupts it, or this check sees the flag.
            checkNotCancelled();
            return admit(target);
        } catch (InterruptedException e) {
            throw new QueryException(ErrorCode.USER_CANCELED, "Query was canceled while queued");
        } catch (QueryException e) {
            if (e.code() == ErrorCode.QUERY_QUEUE_FULL) {
                dispatcher.observer().queueRejected(group.name());
            }
            throw e;
        } finally {
            lock.lock();
            try {
                waiter = null;
                Thread.interrupted(); // an interrupt that raced with admission must not leak on
            } finally {
                lock.unlock();
            }
        }
    }

    private void checkNotCancelled() throws QueryException {
        if (cancelled.get()) {
            throw new QueryException(ErrorCode.USER_CANCELED, "Query was canceled");
        }
    }

    private QueryException fail(QueryException e) {
        QueryException reported = cancelled.get() && e.code() != ErrorCode.USER_CANCELED
                ? new QueryException(ErrorCode.USER_CANCELED, "Query was canceled", e)
                : e;
        failure = reported;
        state = reported.code() == ErrorCode.USER_CANCELED ? QueryState.CANCELED : QueryState.FAILED;
        return reported;
    }

    /** Stops the query wherever it is: queued, running, or streaming. Safe from any thread. */
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            if (waiter != null) {
                waiter.interrupt();
            }
        } finally {
            lock.unlock();
        }
        QueryExecution current = execution;
        if (current != null) {
            current.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Frees the engine connection and the group slot, and records how the query ended. A query
     * not finished is cancelled first. Called from another thread while {@link #start()} still
     * runs, it cancels and leaves the release to the starting thread, which does it on its way
     * out, so a connection is never closed under a running statement.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // In a transaction block a cancelled statement aborts the block: a result closed before its
        // end is let go by the engine's execution instead. Explicit cancels still reach it.
        if (!state.isDone() && !completed && inTransaction == null) {
            cancel();
        }
        lock.lock();
        try {
            if (starting) {
                return;
            }
        } finally {
            lock.unlock();
        }
        release();
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            if (execution != null) {
                execution.close();
            }
        } finally {
            if (admission != null && inTransaction == null) {
                admission.close();
            }
            QueryStatus status = status();
            if (!state.isDone()) {
                state = status == QueryStatus.SUCCEEDED ? QueryState.FINISHED : QueryState.CANCELED;
            }
            dispatcher.finished(this, status);
        }
    }

    private QueryStatus status() {
        if (failure != null) {
            return failure.code() == ErrorCode.USER_CANCELED ? QueryStatus.CANCELLED : QueryStatus.FAILED;
        }
        return completed && !cancelled.get() ? QueryStatus.SUCCEEDED : QueryStatus.CANCELLED;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
    }

    /** A snapshot of the routing trace so far. */
    public QueryTrace trace() {
        RoutingDecision decision = routing;
        Admission placed = admission;
        return new QueryTrace(
                id,
                state,
                request.session().protocol(),
                request.session().user(),
                created,
                decision == null ? List.of() : decision.steps(),
                Optional.ofNullable(group).map(ClusterGroup::name),
                decision != null && decision.fallbackUsed(),
                decision == null ? Optional.empty() : decision.denial(),
                Optional.ofNullable(placed).map(a -> a.cluster().name()),
                Optional.ofNullable(placed).map(a -> a.cluster().engine().type().configName()),
                Optional.ofNullable(placed).map(Admission::queueWait),
                sessionChange.map(c -> "session statement answered by the proxy"),
                Optional.ofNullable(failure).map(Throwable::getMessage),
                overflows,
                Optional.ofNullable(translation),
                Optional.ofNullable(inTransaction).map(ClientTransaction.Binding::boundBy));
    }

    Optional<Admission> admission() {
        return Optional.ofNullable(admission);
    }

    Optional<QueryException> failureCode() {
        return Optional.ofNullable(failure);
    }

    /** Notes the end of the rows and failures while streaming, so close() knows the outcome. */
    private class TrackingCursor implements ResultCursor {
        final ResultCursor delegate;

        TrackingCursor(ResultCursor delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Column> columns() {
            return delegate.columns();
        }

        @Override
        public boolean next() throws QueryException {
            return tracked(delegate::next, more -> !more);
        }

        void checkNotCancelled() throws QueryException {
            if (cancelled.get()) {
                throw fail(new QueryException(ErrorCode.USER_CANCELED, "Query was canceled"));
            }
        }

        void finished() {
            completed = true;
            state = QueryState.FINISHED;
        }

        /**
         * One fetch from the engine (a row, a page, a message): a cancel fails it, checked after
         * the fetch too because an engine may end a cancelled stream as if it were complete and
         * a truncated result must never look like a whole one; the end completes the query; an
         * engine error fails it.
         */
        <T> T tracked(Fetch<T> fetch, java.util.function.Predicate<T> isEnd) throws QueryException {
            checkNotCancelled();
            try {
                T result = fetch.get();
                checkNotCancelled();
                if (isEnd.test(result)) {
                    finished();
                }
                return result;
            } catch (QueryException e) {
                throw fail(e);
            }
        }

        @Override
        public Object value(int column) throws QueryException {
            try {
                return delegate.value(column);
            } catch (QueryException e) {
                throw fail(e);
            }
        }

        @Override
        public OptionalLong updateCount() {
            return delegate.updateCount();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A fetch from an engine that may fail. */
    @FunctionalInterface
    private interface Fetch<T> {
        T get() throws QueryException;
    }

    /** Keeps the engine's raw pages visible to the frontend and tracks their end and failures the same way. */
    private final class TrackingRawCursor extends TrackingCursor implements RawPassthrough {
        private final RawPassthrough raw;

        TrackingRawCursor(ResultCursor delegate, RawPassthrough raw) {
            super(delegate);
            this.raw = raw;
        }

        @Override
        public String format() {
            return raw.format();
        }

        @Override
        public String rawColumns() {
            return raw.rawColumns();
        }

        @Override
        public Optional<RawRows> nextRawRows() throws QueryException {
            return tracked(raw::nextRawRows, Optional::isEmpty);
        }
    }

    /** Passes COPY FROM STDIN data on; CopyDone completes the query, an error or a CopyFail fails it. */
    private final class TrackingPgCopyIn extends TrackingCursor implements PgWireCopyIn {
        private final PgWireCopyIn copy;

        TrackingPgCopyIn(ResultCursor delegate, PgWireCopyIn copy) {
            super(delegate);
            this.copy = copy;
        }

        @Override
        public byte[] copyInResponse() {
            return copy.copyInResponse();
        }

        @Override
        public void copyData(byte[] data) throws QueryException {
            tracked(() -> {
                copy.copyData(data);
                return Boolean.FALSE;
            }, done -> done);
        }

        @Override
        public String copyDone() throws QueryException {
            return tracked(copy::copyDone, tag -> true);
        }

        @Override
        public QueryException copyFail(String reason) {
            return fail(copy.copyFail(reason));
        }
    }

    /** PostgreSQL's description of a statement, passed on; nothing ran. */
    private final class TrackingPgDescription extends TrackingCursor implements PgWireDescription {
        private final PgWireDescription description;

        TrackingPgDescription(ResultCursor delegate, PgWireDescription description) {
            super(delegate);
            this.description = description;
        }

        @Override
        public byte[] parameterDescription() {
            return description.parameterDescription();
        }

        @Override
        public byte[] rowDescription() {
            return description.rowDescription();
        }

        @Override
        public boolean rowsForwarded() {
            return description.rowsForwarded();
        }
    }

    /** Keeps PostgreSQL's forwarded rows visible to the frontend and tracks their end and failures the same way. */
    private final class TrackingPgWireCursor extends TrackingCursor implements PgWireRows {
        private final PgWireRows wire;

        TrackingPgWireCursor(ResultCursor delegate, PgWireRows wire) {
            super(delegate);
            this.wire = wire;
        }

        @Override
        public byte[] rowDescription() {
            return wire.rowDescription();
        }

        @Override
        public Message nextMessage() throws QueryException {
            return tracked(wire::nextMessage, java.util.Objects::isNull);
        }

        @Override
        public String commandTag() {
            return wire.commandTag();
        }
    }

    /**
     * Keeps the engine's Arrow export visible through the tracking wrapper, and tracks the export
     * as {@link TrackingCursor} tracks rows: the end of the batches completes the query, a cancel
     * or engine error fails it.
     */
    private final class ArrowTrackingCursor extends TrackingCursor implements ArrowExportable {
        ArrowTrackingCursor(ResultCursor delegate) {
            super(delegate);
        }

        @Override
        public ArrowReader exportArrow(BufferAllocator allocator, int batchRows) throws QueryException {
            checkNotCancelled();
            try {
                return new TrackingArrowReader(((ArrowExportable) delegate).exportArrow(allocator, batchRows), allocator);
            } catch (QueryException e) {
                throw fail(e);
            }
        }

        /** Forwards to the engine's reader; {@link #loadNextBatch()} notes the outcome. */
        private final class TrackingArrowReader extends ArrowReader {
            private final ArrowReader reader;

            TrackingArrowReader(ArrowReader reader, BufferAllocator allocator) {
                super(allocator);
                this.reader = reader;
            }

            /**
             * @throws IOException whose cause is the {@link QueryException} when the query was
             *     cancelled or the engine failed
             */
            @Override
            public boolean loadNextBatch() throws IOException {
                try {
                    checkNotCancelled();
                    boolean more;
                    try {
                        more = reader.loadNextBatch();
                    } catch (IOException | RuntimeException e) {
                        checkNotCancelled();
                        throw fail(new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR,
                                "Reading the engine's Arrow result failed: " + e.getMessage(), e));
                    }
                    // An engine may end a cancelled export as if it were complete.
                    checkNotCancelled();
                    if (!more) {
                        completed = true;
                        state = QueryState.FINISHED;
                    }
                    return more;
                } catch (QueryException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
                return reader.getVectorSchemaRoot();
            }

            @Override
            public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
                return reader.getDictionaryVectors();
            }

            @Override
            public Dictionary lookup(long id) {
                return reader.lookup(id);
            }

            @Override
            public Set<Long> getDictionaryIds() {
                return reader.getDictionaryIds();
            }

            @Override
            public long bytesRead() {
                return reader.bytesRead();
            }

            @Override
            public void close(boolean closeReadSource) throws IOException {
                reader.close(closeReadSource);
            }

            @Override
            protected void closeReadSource() throws IOException {
                // reader.close(...) closes the engine's source
            }

            @Override
            protected Schema readSchema() throws IOException {
                return reader.getVectorSchemaRoot().getSchema();
            }
        }
    }

    private enum EmptyCursor implements ResultCursor {
        INSTANCE;

        @Override
        public List<Column> columns() {
            return List.of();
        }

        @Override
        public boolean next() {
            return false;
        }

        @Override
        public Object value(int column) {
            throw new IndexOutOfBoundsException(column);
        }

        @Override
        public OptionalLong updateCount() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {}
    }
}
