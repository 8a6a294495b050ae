package io.queryflux.server;

import static java.util.Objects.requireNonNull;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.Engine;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.server.admin.AdminService;
import io.queryflux.server.config.ClusterConfig;
import io.queryflux.server.config.ConfigException;
import io.queryflux.server.config.GroupConfig;
import io.queryflux.server.config.ServerConfig;
import io.queryflux.server.observe.ClusterHealthMonitor;
import io.queryflux.server.observe.QueryMetrics;
import io.queryflux.server.observe.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running proxy: engines, groups, dispatcher, frontends and the admin listener, wired from config. */
public final class QueryFluxServer implements AutoCloseable {
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final List<Engine> engines;
    private final List<Cluster> clusters;
    private final QueryDispatcher dispatcher;
    private final ClusterHealthMonitor healthMonitor;
    private final WebServer adminServer;

    private QueryFluxServer(List<Engine> engines, List<Cluster> clusters, QueryDispatcher dispatcher,
            ClusterHealthMonitor healthMonitor, WebServer adminServer) {
        this.engines = engines;
        this.clusters = clusters;
        this.dispatcher = dispatcher;
        this.healthMonitor = healthMonitor;
        this.adminServer = adminServer;
    }

    /** Creates the engines and starts every enabled listener. */
    public static QueryFluxServer start(ServerConfig config) {
        requireNonNull(config, "config is null");
        List<Engine> engines = new ArrayList<>();
        try {
            Map<String, Cluster> clusters = new LinkedHashMap<>();
            for (ClusterConfig cluster : config.clusters().values()) {
                Engine engine = createEngine(config.source(), cluster);
                engines.add(engine);
                clusters.put(cluster.name(), new Cluster(cluster.name(), engine, cluster.enabled(),
                        cluster.maxRunningQueries()));
            }
            Map<String, ClusterGroup> groups = new LinkedHashMap<>();
            for (GroupConfig group : config.groups().values()) {
                groups.put(group.name(), new ClusterGroup(group.name(),
                        group.members().stream().map(clusters::get).toList(), group.limits(),
                        new RoundRobinStrategy(), group.enabled()));
            }
            List<Cluster> clusterList = List.copyOf(clusters.values());
            QueryMetrics metrics = new QueryMetrics(Metrics.globalRegistry(), groups.values(), clusterList);
            QueryDispatcher dispatcher = new QueryDispatcher(config.routerChain(), groups, metrics);
            ClusterHealthMonitor healthMonitor = new ClusterHealthMonitor(clusterList, HEALTH_INTERVAL, HEALTH_TIMEOUT);
            WebServer adminServer = WebServer.builder()
                    .port(config.adminPort())
                    .addFeature(ObserveFeature.builder()
                            .endpoint("/")
                            .addObserver(MetricsObserver.create())
                            .addObserver(HealthObserver.builder()
                                    .details(true)
                                    .addCheck(new ReadinessCheck(groups.values(), clusterList))
                                    .build())
                            .build())
                    .routing(routing -> adminRouting(routing, dispatcher, clusterList))
                    .build()
                    .start();
            return new QueryFluxServer(engines, clusterList, dispatcher, healthMonitor, adminServer);
        } catch (RuntimeException e) {
            engines.forEach(Engine::close);
            throw e;
        }
    }

    /** Creates every engine and closes it again, so --validate catches bad engine settings. */
    public static void validate(ServerConfig config) {
        for (ClusterConfig cluster : config.clusters().values()) {
            createEngine(config.source(), cluster).close();
        }
    }

    /** Where the listeners are, for the start-up line. */
    public String describeListeners() {
        return "admin, /health and /metrics on port " + adminServer.port();
    }

    static void adminRouting(HttpRouting.Builder routing, QueryDispatcher dispatcher, List<Cluster> clusters) {
        routing.register("/admin", new AdminService(dispatcher, clusters));
    }

    private static Engine createEngine(String source, ClusterConfig cluster) {
        try {
            return EngineFactories.get(cluster.engine()).create(cluster.name(), cluster.settings());
        } catch (InvalidSettingException e) {
            throw new ConfigException(source, "clusters." + cluster.name() + "." + e.key(), e.getMessage());
        }
    }

    public int adminPort() {
        return adminServer.port();
    }

    public QueryDispatcher dispatcher() {
        return dispatcher;
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** Runs a round of health checks now, for tests and start-up. */
    public void checkHealthNow() {
        healthMonitor.checkAll();
    }

    @Override
    public void close() {
        adminServer.stop();
        healthMonitor.close();
        for (var query : dispatcher.registry().all()) {
            query.cancel();
        }
        engines.forEach(Engine::close);
    }
}
