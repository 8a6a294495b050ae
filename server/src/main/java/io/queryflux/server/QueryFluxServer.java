package io.queryflux.server;

import static java.util.Objects.requireNonNull;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.queryflux.cluster.CircuitBreaker;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.TranslationPolicy;
import io.queryflux.engine.Engine;
import io.queryflux.engine.HealthState;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.health.HealthChecker;
import io.queryflux.protocol.flight.FlightSqlFrontend;
import io.queryflux.protocol.mysql.MySqlFrontend;
import io.queryflux.protocol.pg.PgFrontend;
import io.queryflux.protocol.pg.PgFrontendConfig;
import io.queryflux.protocol.trino.TrinoHttpFrontend;
import io.queryflux.routing.python.PythonScript;
import io.queryflux.server.admin.AdminService;
import io.queryflux.server.admin.ExplainService;
import io.queryflux.server.config.ClusterConfig;
import io.queryflux.server.config.ConfigException;
import io.queryflux.server.config.GroupConfig;
import io.queryflux.server.config.ServerConfig;
import io.queryflux.server.config.TranslationConfig;
import io.queryflux.server.observe.QueryMetrics;
import io.queryflux.server.observe.ReadinessCheck;
import io.queryflux.sql.SqlTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running proxy: engines, groups, dispatcher, frontends and the admin listener, wired from config. */
public final class QueryFluxServer implements AutoCloseable {
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final String TRINO_LISTENER = "trinoHttp";

    private final List<Engine> engines;
    private final List<Cluster> clusters;
    private final QueryDispatcher dispatcher;
    private final HealthChecker healthChecker;
    private final WebServer webServer;
    private final Optional<TrinoHttpFrontend> trino;
    private final Optional<PgFrontend> postgres;
    private final Optional<MySqlFrontend> mysql;
    private final Optional<FlightSqlFrontend> flight;
    private final List<PythonScript> scripts;
    private final QueryMetrics metrics;

    private QueryFluxServer(List<Engine> engines, List<Cluster> clusters, QueryDispatcher dispatcher,
            HealthChecker healthChecker, WebServer webServer, Optional<TrinoHttpFrontend> trino,
            Optional<PgFrontend> postgres, Optional<MySqlFrontend> mysql, Optional<FlightSqlFrontend> flight,
            List<PythonScript> scripts, QueryMetrics metrics) {
        this.metrics = metrics;
        this.postgres = postgres;
        this.scripts = scripts;
        this.engines = engines;
        this.clusters = clusters;
        this.dispatcher = dispatcher;
        this.healthChecker = healthChecker;
        this.webServer = webServer;
        this.trino = trino;
        this.mysql = mysql;
        this.flight = flight;
    }

    /** Creates the engines and starts every enabled listener. */
    public static QueryFluxServer start(ServerConfig config) {
        requireNonNull(config, "config is null");
        List<AutoCloseable> started = new ArrayList<>();
        List<Engine> engines = new ArrayList<>();
        try {
            Map<String, Cluster> clusters = new LinkedHashMap<>();
            for (ClusterConfig cluster : config.clusters().values()) {
                Engine engine = createEngine(config.source(), cluster);
                engines.add(engine);
                clusters.put(cluster.name(), new Cluster(cluster.name(), engine, cluster.enabled(),
                        cluster.maxRunningQueries(), cluster.circuitBreaker().map(CircuitBreaker::new)));
            }
            Map<String, ClusterGroup> groups = new LinkedHashMap<>();
            Map<String, io.queryflux.sql.TranslationMode> groupModes = new LinkedHashMap<>();
            for (GroupConfig group : config.groups().values()) {
                groups.put(group.name(), new ClusterGroup(group.name(),
                        group.members().stream().map(clusters::get).toList(), group.limits(),
                        group.strategy().create(), group.enabled(), group.overflow()));
                group.translationMode().ifPresent(mode -> groupModes.put(group.name(), mode));
            }
            List<Cluster> clusterList = List.copyOf(clusters.values());
            QueryMetrics metrics = new QueryMetrics(Metrics.globalRegistry(), groups.values(), clusterList);
            started.add(metrics);
            TranslationConfig translation = config.translation();
            QueryDispatcher dispatcher = new QueryDispatcher(config.routerChain(), groups, metrics,
                    new TranslationPolicy(new SqlTranslator(translation.cacheSize()), translation.mode(), groupModes,
                            translation.flightSqlDialect()));
            HealthChecker healthChecker = new HealthChecker(HEALTH_INTERVAL, HEALTH_TIMEOUT);
            clusterList.forEach(cluster -> healthChecker.register(cluster.name(), cluster.engine(), cluster::setHealth));
            healthChecker.start();
            started.add(healthChecker);

            Optional<TrinoHttpFrontend> trino = config.frontends().trinoHttp()
                    .map(listener -> new TrinoHttpFrontend(dispatcher, listener.settings()));
            trino.ifPresent(started::add);
            WebServerConfig.Builder web = WebServer.builder()
                    .port(config.adminPort())
                    .addFeature(ObserveFeature.builder()
                            .endpoint("/")
                            .addObserver(MetricsObserver.create())
                            .addObserver(HealthObserver.builder()
                                    .details(true)
                                    .addCheck(new ReadinessCheck(groups.values(), clusterList))
                                    .build())
                            .build())
                    .routing(routing -> routing.register("/admin", new AdminService(dispatcher, clusterList),
                            new ExplainService(dispatcher)));
            trino.ifPresent(frontend -> web
                    .putSocket(TRINO_LISTENER, socket -> socket.port(config.frontends().trinoHttp().orElseThrow().port()))
                    .routing(TRINO_LISTENER, routing -> routing.register(frontend)));
            WebServer webServer = web.build().start();
            started.add(webServer::stop);

            Optional<PgFrontend> postgres = config.frontends().postgresWire()
                    .map(pgConfig -> startPostgres(pgConfig, dispatcher, config));
            postgres.ifPresent(started::add);
            Optional<MySqlFrontend> mysql = config.frontends().mysqlWire()
                    .map(mysqlConfig -> MySqlFrontend.start(mysqlConfig, dispatcher, config.authProvider()));
            mysql.ifPresent(started::add);
            Optional<FlightSqlFrontend> flight = config.frontends().flightSql()
                    .map(flightConfig -> FlightSqlFrontend.start(flightConfig, dispatcher, config.authProvider()));
            return new QueryFluxServer(engines, clusterList, dispatcher, healthChecker, webServer, trino, postgres,
                    mysql, flight, config.scripts(), metrics);
        } catch (RuntimeException e) {
            for (AutoCloseable resource : started.reversed()) {
                closeQuietly(resource);
            }
            engines.forEach(Engine::close);
            config.scripts().forEach(PythonScript::close);
            throw e;
        }
    }

    private static PgFrontend startPostgres(PgFrontendConfig pgConfig, QueryDispatcher dispatcher, ServerConfig config) {
        try {
            return PgFrontend.start(pgConfig, dispatcher, config.authProvider());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the PostgreSQL frontend on " + pgConfig.bindAddress() + ":"
                    + pgConfig.port() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Start-up already failed; the original error is the one to report.
        }
    }

    /** Creates every engine and closes it again, so --validate catches bad engine settings. */
    public static void validate(ServerConfig config) {
        try {
            for (ClusterConfig cluster : config.clusters().values()) {
                createEngine(config.source(), cluster).close();
            }
        } finally {
            config.scripts().forEach(PythonScript::close);
        }
    }

    private static Engine createEngine(String source, ClusterConfig cluster) {
        try {
            return EngineFactories.get(cluster.engine()).create(cluster.name(), cluster.settings());
        } catch (InvalidSettingException e) {
            throw new ConfigException(source, "clusters." + cluster.name() + "." + e.key(), e.getMessage());
        }
    }

    public int adminPort() {
        return webServer.port();
    }

    /** The Trino HTTP port, if that frontend is enabled. */
    public Optional<Integer> trinoPort() {
        return trino.map(t -> webServer.port(TRINO_LISTENER));
    }

    public Optional<Integer> postgresPort() {
        return postgres.map(PgFrontend::port);
    }

    public Optional<Integer> mysqlPort() {
        return mysql.map(MySqlFrontend::port);
    }

    public Optional<Integer> flightSqlPort() {
        return flight.map(FlightSqlFrontend::port);
    }

    public QueryDispatcher dispatcher() {
        return dispatcher;
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** Waits until every cluster has had its first health check (the first round starts at once). */
    public void awaitFirstHealthChecks(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (clusters.stream().anyMatch(c -> c.health().state() == HealthState.STARTING)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Where the listeners are, for the start-up line. */
    public String describeListeners() {
        List<String> listeners = new ArrayList<>();
        trinoPort().ifPresent(port -> listeners.add("Trino HTTP on port " + port));
        postgresPort().ifPresent(port -> listeners.add("PostgreSQL on port " + port));
        mysqlPort().ifPresent(port -> listeners.add("MySQL on port " + port));
        flightSqlPort().ifPresent(port -> listeners.add("Flight SQL on port " + port));
        listeners.add("admin, /health and /metrics on port " + adminPort());
        return String.join("; ", listeners);
    }

    @Override
    public void close() {
        flight.ifPresent(FlightSqlFrontend::close);
        mysql.ifPresent(MySqlFrontend::close);
        postgres.ifPresent(PgFrontend::close);
        trino.ifPresent(TrinoHttpFrontend::close);
        webServer.stop();
        metrics.close();
        healthChecker.close();
        for (var query : dispatcher.registry().all()) {
            query.cancel();
            query.close();
        }
        engines.forEach(Engine::close);
        scripts.forEach(PythonScript::close);
    }
}
