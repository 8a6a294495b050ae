package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.Admission;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.engine.Engine;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.routing.RouterChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point of every frontend: {@link #submit} a request, {@link RunningQuery#start()}
 * it on the thread that will read its rows, and close it when done.
 */
public final class QueryDispatcher {
    private final RouterChain routerChain;
    private final Map<String, ClusterGroup> groups;
    private final QueryObserver observer;
    private final QueryRegistry registry = new QueryRegistry();
    private final TransactionRegistry transactions = new TransactionRegistry();
    private final QueryIds ids = new QueryIds();
    private final RouteExplainer explainer;
    private final TranslationPolicy translation;

    /** A dispatcher that translates with {@link TranslationPolicy#defaults()}. */
    public QueryDispatcher(RouterChain routerChain, Map<String, ClusterGroup> groups, QueryObserver observer) {
        this(routerChain, groups, observer, TranslationPolicy.defaults());
    }

    public QueryDispatcher(RouterChain routerChain, Map<String, ClusterGroup> groups, QueryObserver observer,
            TranslationPolicy translation) {
        this.translation = requireNonNull(translation, "translation is null");
        this.routerChain = requireNonNull(routerChain, "routerChain is null");
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(groups, "groups is null")));
        this.observer = requireNonNull(observer, "observer is null");
        for (String target : routerChain.routers().stream().flatMap(r -> r.targetGroups().stream()).toList()) {
            group(target);
        }
        group(routerChain.fallbackGroup());
        for (ClusterGroup candidate : this.groups.values()) {
            candidate.overflow().ifPresent(overflow -> group(overflow.group()));
        }
        this.explainer = new RouteExplainer(this.routerChain, this.groups);
    }

    /** Registers a query; nothing runs until {@link RunningQuery#start()}. */
    public RunningQuery submit(QueryRequest request) {
        return register(new RunningQuery(ids.next(), request, this, Optional.empty()));
    }

    /**
     * Registers a statement of a client's transaction block: it runs in the block's engine
     * transaction, or binds the block when it is the first placed on an engine with transactions.
     */
    public RunningQuery submit(QueryRequest request, ClientTransaction transaction) {
        return register(new RunningQuery(ids.next(), request, this,
                Optional.of(requireNonNull(transaction, "transaction is null"))));
    }

    private RunningQuery register(RunningQuery query) {
        registry.add(query);
        return query;
    }

    /**
     * Where a query would go and why, without running it: every router's outcome, the group,
     * the cluster the group's strategy would pick now, and whether the group would queue it.
     */
    public RouteExplanation explain(QueryRequest request) {
        return explainer.explain(request);
    }

    /**
     * The schema the request would run in when its session names none: the default of the
     * engine it routes to now (the picked cluster's, else the group's first member's). No engine
     * is asked, but routing runs as for a query (Python routers and strategies too), so callers
     * keep the answer per session. Frontends answer {@code current_schema()} with it.
     */
    public Optional<String> defaultSchema(QueryRequest request) {
        return routedEngine(request).flatMap(Engine::defaultSchema);
    }

    /**
     * The engine the request would run on now (the picked cluster's, else the group's first
     * member's), found as {@link #defaultSchema} finds it.
     */
    public Optional<Engine> routedEngine(QueryRequest request) {
        RouteExplanation route = explain(request);
        Optional<ClusterGroup> group = route.group().map(groups::get);
        return group.flatMap(g -> g.members().stream()
                        .filter(member -> route.cluster().map(member.name()::equals).orElse(true))
                        .findFirst())
                .map(Cluster::engine);
    }

    /**
     * Runs a small query the proxy needs for itself (catalog metadata for a frontend) through the
     * same routing and group slots as a client's, and returns its first {@code maxRows} rows.
     */
    public List<List<Object>> readRows(QueryRequest request, int maxRows) throws QueryException {
        try (RunningQuery query = submit(request)) {
            ResultCursor cursor = query.start();
            List<List<Object>> rows = new ArrayList<>();
            int width = cursor.columns().size();
            while (rows.size() < maxRows && cursor.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    row.add(cursor.value(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public TranslationPolicy translation() {
        return translation;
    }

    public QueryRegistry registry() {
        return registry;
    }

    /** Clients' transaction blocks holding a slot and an engine connection now. */
    public TransactionRegistry transactions() {
        return transactions;
    }

    public RouterChain routerChain() {
        return routerChain;
    }

    public Map<String, ClusterGroup> groups() {
        return groups;
    }

    ClusterGroup group(String name) {
        ClusterGroup group = groups.get(name);
        if (group == null) {
            throw new IllegalStateException("routing names unknown cluster group '" + name + "'");
        }
        return group;
    }

    QueryObserver observer() {
        return observer;
    }

    void finished(RunningQuery query, QueryStatus status) {
        registry.remove(query);
        Optional<Admission> admission = query.admission();
        observer.finished(new FinishedQuery(
                query.id(),
                query.request().session().protocol(),
                query.trace().group(),
                admission.map(a -> a.cluster().name()),
                admission.map(a -> a.cluster().engine().type().configName()),
                status,
                query.failureCode().map(QueryException::code),
                query.elapsed()));
    }
}
