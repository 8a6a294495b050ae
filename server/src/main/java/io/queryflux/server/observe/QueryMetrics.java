package io.queryflux.server.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.queryflux.cluster.CircuitBreaker;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.dispatch.FinishedQuery;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.routing.RoutingDecision;
import io.queryflux.sql.Translation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * QueryFlux's Prometheus metrics, under the names its Grafana dashboard reads. Labels are
 * bounded: groups, clusters, engines, protocols and statuses come from config and code, never
 * from SQL text or query ids. Each meter is looked up in the registry once per label set and
 * kept: the registry's lookup (builder, tag sorting, bucket arrays) cost more than the rest of
 * a point query's proxy work.
 */
public final class QueryMetrics implements QueryObserver, AutoCloseable {
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
            120, 300, 600, 1800};

    private record Decision(String router, String group, String outcome) {}

    private record Dialects(String source, String target) {}

    private record Ended(String engine, String group, String status, String protocol) {}

    private record Placement(String engine, String group) {}

    private final MeterRegistry registry;
    private final DistributionSummary routingDuration;
    private final Map<Decision, Counter> routingDecisions = new ConcurrentHashMap<>();
    private final Map<Dialects, Counter> translated = new ConcurrentHashMap<>();
    private final Map<Dialects, Counter> translationFailures = new ConcurrentHashMap<>();
    private final Map<Dialects, DistributionSummary> translationDuration = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> queueDuration = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<Ended, Counter> queries = new ConcurrentHashMap<>();
    private final Map<Placement, DistributionSummary> queryDuration = new ConcurrentHashMap<>();

    /** Gauges read this server's groups and clusters: removed when it closes, so a later server's are not shadowed. */
    private final List<Gauge> gauges = new java.util.ArrayList<>();

    public QueryMetrics(MeterRegistry registry, Collection<ClusterGroup> groups, Collection<Cluster> clusters) {
        this.registry = registry;
        this.routingDuration = registry.getOrCreate(DistributionSummary.builder("queryflux_routing_duration_seconds",
                        DistributionStatisticsConfig.builder().percentiles(new double[0])
                                .buckets(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1))
                .description("Time the router chain took to decide"));
        for (ClusterGroup group : groups) {
            // Created up front so dashboards show 0 rather than "no data" before the first event.
            rejections(group.name());
            queueDuration(group.name());
            gauges.add(registry.getOrCreate(Gauge.builder("queryflux_queued_queries", group,
                            ClusterGroup::queuedQueries)
                    .tags(List.of(Tag.create("cluster_group", group.name())))
                    .description("Queries waiting in the proxy for a slot in the group")));
            gauges.add(registry.getOrCreate(Gauge.builder("queryflux_open_transactions", group,
                            ClusterGroup::openTransactions)
                    .tags(List.of(Tag.create("cluster_group", group.name())))
                    .description("Slots of the group held by clients' transaction blocks, idle or running")));
            for (Cluster cluster : group.members()) {
                gauges.add(registry.getOrCreate(Gauge.builder("queryflux_running_queries", cluster,
                                Cluster::runningQueries)
                        .tags(List.of(Tag.create("cluster_group", group.name()), Tag.create("cluster_name", cluster.name())))
                        .description("Queries the proxy runs on the cluster now")));
            }
        }
        for (Cluster cluster : clusters) {
            gauges.add(registry.getOrCreate(Gauge.builder("queryflux_cluster_healthy", cluster,
                            c -> c.health().isHealthy() ? 1 : 0)
                    .tags(List.of(Tag.create("cluster_name", cluster.name())))
                    .description("1 when the cluster's last health check passed")));
            gauges.add(registry.getOrCreate(Gauge.builder("queryflux_cluster_circuit_open", cluster,
                            c -> c.circuitState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                    .tags(List.of(Tag.create("cluster_name", cluster.name())))
                    .description("1 while the cluster's circuit breaker is open or half-open")));
        }
    }

    @Override
    public void routed(RoutingDecision decision, Duration latency) {
        // The deciding router by its position and type: bounded by the config, not by queries.
        String router = decision.fallbackUsed() || decision.steps().isEmpty()
                ? "fallback"
                : decision.steps().getLast().index() + ":" + decision.steps().getLast().type();
        String outcome = decision.denial().isPresent() ? "denied" : "routed";
        routingDecisions.computeIfAbsent(new Decision(router, decision.group().orElse("none"), outcome),
                d -> registry.getOrCreate(Counter.builder("queryflux_routing_decisions_total")
                        .tags(List.of(Tag.create("router", d.router()), Tag.create("cluster_group", d.group()),
                                Tag.create("outcome", d.outcome())))
                        .description("Routing decisions by the router that decided and the group chosen")))
                .increment();
        routingDuration.record(seconds(latency));
    }

    @Override
    public void overflowed(String fromGroup, String toGroup) {
        registry.getOrCreate(Counter.builder("queryflux_overflow_queries_total")
                .tags(List.of(Tag.create("from_group", fromGroup), Tag.create("to_group", toGroup)))
                .description("Queries a full or slow group sent on to its overflow group"))
                .increment();
    }

    @Override
    public void translated(Translation translation) {
        Dialects dialects = new Dialects(translation.source().configName(), translation.target().configName());
        switch (translation.outcome()) {
            case NOT_NEEDED -> {
                return; // same dialect or nothing to change: no translator work worth a series
            }
            case TRANSLATED -> translated.computeIfAbsent(dialects, d -> registry.getOrCreate(
                    Counter.builder("queryflux_translated_queries_total").tags(tags(d))
                            .description("Queries rewritten for their engine's dialect"))).increment();
            case FAILED -> translationFailures.computeIfAbsent(dialects, d -> registry.getOrCreate(
                    Counter.builder("queryflux_translation_failures_total").tags(tags(d))
                            .description("Queries the translator could not rewrite (sent as written)"))).increment();
        }
        translationDuration.computeIfAbsent(dialects, d -> registry.getOrCreate(
                        DistributionSummary.builder("queryflux_translation_duration_seconds",
                                        DistributionStatisticsConfig.builder().percentiles(new double[0])
                                                .buckets(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01))
                                .tags(tags(d))
                                .description("Time spent translating a query")))
                .record(translation.elapsedNanos() / 1e9);
    }

    private static List<Tag> tags(Dialects dialects) {
        return List.of(Tag.create("src_dialect", dialects.source()), Tag.create("tgt_dialect", dialects.target()));
    }

    @Override
    public void admitted(String group, Duration wait) {
        queueDuration(group).record(seconds(wait));
    }

    @Override
    public void queueRejected(String group) {
        rejections(group).increment();
    }

    private DistributionSummary queueDuration(String group) {
        return queueDuration.computeIfAbsent(group, g -> registry.getOrCreate(
                DistributionSummary.builder("queryflux_queue_duration_seconds", buckets())
                        .tags(List.of(Tag.create("cluster_group", g)))
                        .description("Time queries waited in the proxy queue")));
    }

    private Counter rejections(String group) {
        return rejections.computeIfAbsent(group, g -> registry.getOrCreate(
                Counter.builder("queryflux_queue_rejections_total")
                        .tags(List.of(Tag.create("cluster_group", g)))
                        .description("Queries refused because the group's queue was full")));
    }

    @Override
    public void finished(FinishedQuery query) {
        String engine = query.engineType().orElse("none");
        String group = query.group().orElse("none");
        queries.computeIfAbsent(new Ended(engine, group, query.status().label(), query.protocol().configName()),
                e -> registry.getOrCreate(Counter.builder("queryflux_queries_total")
                        .tags(List.of(Tag.create("engine_type", e.engine()), Tag.create("cluster_group", e.group()),
                                Tag.create("status", e.status()), Tag.create("protocol", e.protocol())))
                        .description("Queries by how they ended")))
                .increment();
        queryDuration.computeIfAbsent(new Placement(engine, group),
                p -> registry.getOrCreate(DistributionSummary.builder("queryflux_query_duration_seconds", buckets())
                        .tags(List.of(Tag.create("engine_type", p.engine()), Tag.create("cluster_group", p.group())))
                        .description("Query time from submission to close")))
                .record(seconds(query.duration()));
    }

    private static DistributionStatisticsConfig.Builder buckets() {
        // Buckets only: client-side percentiles cannot be aggregated across replicas.
        return DistributionStatisticsConfig.builder().percentiles(new double[0]).buckets(DURATION_BUCKETS);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Removes the gauges, which would otherwise keep reading this server's groups and clusters. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
