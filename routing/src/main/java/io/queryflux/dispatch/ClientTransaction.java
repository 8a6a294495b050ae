package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.Admission;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineTransaction;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.TransactionMode;
import io.queryflux.routing.RoutingDecision;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A client connection's transaction block, from BEGIN to COMMIT or ROLLBACK. It binds at the
 * block's first statement placed on an engine with transactions (PostgreSQL, DuckDB): that
 * statement's group slot and one engine connection are then held until the block ends, and the
 * block's later statements run on that connection without being routed, so they see its
 * uncommitted writes and temporary tables, and a ROLLBACK undoes them. Statements placed on
 * engines without transactions before that autocommit, as outside a block. A frontend keeps one
 * per connection, passes it with each statement of a block ({@link QueryDispatcher#submit(QueryRequest,
 * ClientTransaction)}), ends it with the block, and closes it with the connection.
 */
public final class ClientTransaction implements AutoCloseable {
    private volatile Binding binding;
    private volatile TransactionMode mode = TransactionMode.DEFAULT;

    /**
     * What a bound block holds, and the statement that bound it (its routing is the block's);
     * {@code unregister} takes it off the dispatcher's list of open blocks.
     */
    record Binding(String boundBy, RoutingDecision routing, Admission admission, EngineTransaction engine,
            Runnable unregister) {
        Binding {
            requireNonNull(boundBy, "boundBy is null");
            requireNonNull(routing, "routing is null");
            requireNonNull(admission, "admission is null");
            requireNonNull(engine, "engine is null");
            requireNonNull(unregister, "unregister is null");
        }
    }

    /**
     * The isolation level and access mode the block's engine transaction begins with; set by the
     * frontend before the block binds (BEGIN's modes, SET TRANSACTION, the session's defaults).
     */
    public void setMode(TransactionMode newMode) {
        mode = requireNonNull(newMode, "newMode is null");
    }

    TransactionMode mode() {
        return mode;
    }

    /** Whether the block holds an engine connection. */
    public boolean isBound() {
        return binding != null;
    }

    /** Whether the engine the block is bound to has savepoints; true while unbound. */
    public boolean hasSavepoints() {
        Binding bound = binding;
        return bound == null || bound.engine().hasSavepoints();
    }

    /** Whether the block's engine transaction describes statements itself (PostgreSQL's own connection). */
    public boolean describesStatements() {
        Binding bound = binding;
        return bound != null && bound.engine().describesStatements();
    }

    /** Whether the block is bound to an engine of which this holds; false while unbound. */
    public boolean isBoundTo(Predicate<Engine> engine) {
        Binding bound = binding;
        return bound != null && engine.test(bound.admission().cluster().engine());
    }

    /** The cluster the block runs on, once bound. */
    public Optional<String> cluster() {
        return Optional.ofNullable(binding).map(b -> b.admission().cluster().name());
    }

    Optional<Binding> binding() {
        return Optional.ofNullable(binding);
    }

    void bind(Binding newBinding) {
        if (binding != null) {
            throw new IllegalStateException("the transaction is already bound");
        }
        binding = requireNonNull(newBinding, "newBinding is null");
    }

    /** Commits the block on its engine, if it is bound, and frees what it held, even when that fails. */
    public void commit() throws QueryException {
        end(true);
    }

    /** Rolls the block back on its engine, if it is bound, and frees what it held. */
    public void rollback() throws QueryException {
        end(false);
    }

    /** Commits or rolls back, as {@link #commit()} and {@link #rollback()}. */
    public void end(boolean commit) throws QueryException {
        Binding ended = binding;
        binding = null;
        if (ended == null) {
            return;
        }
        try {
            if (commit) {
                ended.engine().commit();
            } else {
                ended.engine().rollback();
            }
        } finally {
            try {
                ended.engine().close();
            } finally {
                ended.unregister().run();
                ended.admission().close();
            }
        }
    }

    /** Rolls back a block still open (the client went away) and frees what it held. */
    @Override
    public void close() {
        try {
            rollback();
        } catch (QueryException ignored) {
            // The connection is given back broken or not; its pool finds out.
        }
    }
}
