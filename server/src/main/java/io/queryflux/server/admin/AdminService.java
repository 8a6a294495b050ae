package io.queryflux.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.dispatch.OpenTransaction;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryTrace;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.routing.Router;
import io.queryflux.routing.RouterStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only admin REST API: groups with live counts, clusters with health, the router
 * chain, and running queries with their routing trace.
 */
public final class AdminService implements HttpService {
    private final QueryDispatcher dispatcher;
    private final List<Cluster> clusters;
    static final String DASHBOARD = "/io/queryflux/grafana/queryflux-dashboard.json";

    private final ObjectMapper json = new ObjectMapper();

    public AdminService(QueryDispatcher dispatcher, List<Cluster> clusters) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.clusters = List.copyOf(requireNonNull(clusters, "clusters is null"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/groups", (req, res) -> send(res, dispatcher.groups().values().stream().map(AdminService::group).toList()))
                .get("/clusters", (req, res) -> send(res, clusters.stream().map(AdminService::cluster).toList()))
                .get("/routers", (req, res) -> send(res, routers()))
                .get("/queries", (req, res) -> send(res, dispatcher.registry().all().stream()
                        .map(RunningQuery::trace).map(AdminService::trace).toList()))
                .get("/queries/{id}", this::query)
                .get("/transactions", (req, res) -> send(res, dispatcher.transactions().all().stream()
                        .map(AdminService::transaction).toList()))
                .get("/grafana/dashboard", this::dashboard);
    }

    private void query(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        String id = req.path().pathParameters().get("id");
        var query = dispatcher.registry().find(id);
        if (query.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
            send(res, Map.of("error", "no running query with id " + id));
            return;
        }
        send(res, trace(query.get().trace()));
    }

    /** The Grafana dashboard for these metrics, ready to import. */
    private void dashboard(ServerRequest req, ServerResponse res) throws java.io.IOException {
        try (var in = AdminService.class.getResourceAsStream(DASHBOARD)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(in.readAllBytes());
        }
    }

    private void send(ServerResponse res, Object body) throws JsonProcessingException {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private static Map<String, Object> group(ClusterGroup group) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", group.name());
        g.put("enabled", group.enabled());
        g.put("strategy", group.strategy().type());
        g.put("members", group.members().stream().map(Cluster::name).toList());
        g.put("maxRunningQueries", group.limits().maxRunningQueries());
        g.put("maxQueuedQueries", group.limits().maxQueuedQueries());
        g.put("capacityWaitTimeoutSecs", group.limits().capacityWaitTimeout().toSeconds());
        g.put("runningQueries", group.runningQueries());
        g.put("queuedQueries", group.queuedQueries());
        g.put("openTransactions", group.openTransactions());
        return g;
    }

    private static Map<String, Object> cluster(Cluster cluster) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", cluster.name());
        c.put("engine", cluster.engine().type().configName());
        c.put("enabled", cluster.enabled());
        c.put("health", cluster.health().state().name().toLowerCase(java.util.Locale.ROOT));
        c.put("healthReason", cluster.health().reason());
        c.put("healthCheckedAt", cluster.health().checkedAt().toString());
        c.put("runningQueries", cluster.runningQueries());
        c.put("circuit", cluster.circuitState().name().toLowerCase(java.util.Locale.ROOT));
        cluster.circuitBreaker().map(b -> b.snapshot()).ifPresent(snapshot -> {
            c.put("circuitCalls", snapshot.calls());
            c.put("circuitFailures", snapshot.failures());
            snapshot.openUntil().ifPresent(until -> c.put("circuitOpenUntil", until.toString()));
        });
        c.put("maxRunningQueries", cluster.maxRunningQueries() == Integer.MAX_VALUE ? null : cluster.maxRunningQueries());
        return c;
    }

    private Map<String, Object> routers() {
        List<Router> routers = dispatcher.routerChain().routers();
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("routers", java.util.stream.IntStream.range(0, routers.size()).mapToObj(i -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("type", routers.get(i).type());
            r.putAll(routers.get(i).describe());
            return r;
        }).toList());
        chain.put("routingFallback", dispatcher.routerChain().fallbackGroup());
        return chain;
    }

    static Map<String, Object> trace(QueryTrace trace) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("queryId", trace.queryId());
        t.put("state", trace.state().name());
        t.put("protocol", trace.protocol().configName());
        t.put("user", trace.user());
        t.put("created", trace.created().toString());
        t.put("routers", trace.routers().stream().map(AdminService::step).toList());
        t.put("group", trace.group().orElse(null));
        t.put("fallbackUsed", trace.fallbackUsed());
        trace.denial().ifPresent(d -> t.put("denial", d));
        t.put("cluster", trace.cluster().orElse(null));
        t.put("engine", trace.engineType().orElse(null));
        t.put("queueWaitMillis", trace.queueWait().map(java.time.Duration::toMillis).orElse(null));
        trace.handledInProxy().ifPresent(h -> t.put("handledInProxy", h));
        trace.transactionOf().ifPresent(q -> t.put("transactionOf", q));
        trace.error().ifPresent(e -> t.put("error", e));
        t.put("overflows", trace.overflows().stream()
                .map(o -> Map.of("from", o.fromGroup(), "to", o.toGroup(), "reason", o.reason())).toList());
        trace.translation().ifPresent(tr -> t.put("translation", ExplainService.translation(tr)));
        return t;
    }

    static Map<String, Object> transaction(OpenTransaction open) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("boundBy", open.boundBy());
        t.put("protocol", open.protocol().configName());
        t.put("user", open.user());
        t.put("group", open.group());
        t.put("cluster", open.cluster());
        t.put("engine", open.engine());
        t.put("since", open.since().toString());
        t.put("openMillis", java.time.Duration.between(open.since(), java.time.Instant.now()).toMillis());
        return t;
    }

    static Map<String, Object> step(RouterStep step) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("index", step.index());
        s.put("type", step.type());
        s.put("decision", step.outcome().decision().name().toLowerCase(java.util.Locale.ROOT));
        step.outcome().group().ifPresent(g -> s.put("group", g));
        s.put("reason", step.outcome().reason());
        return s;
    }
}
