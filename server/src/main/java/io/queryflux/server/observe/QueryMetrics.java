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

/**
 * QueryFlux's Prometheus metrics, under the names its Grafana dashboard reads. Labels are
 * bounded: groups, clusters, engines, protocols and statuses come from config and code, never
 * from SQL text or query ids.
 */
public final class QueryMetrics implements QueryObserver {
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
            120, 300, 600, 1800};

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry, Collection<ClusterGroup> groups, Collection<Cluster> clusters) {
        this.registry = registry;
        for (ClusterGroup group : groups) {
            // Created up front so dashboards show 0 rather than "no data" before the first event.
            rejections(group.name());
            queueDuration(group.name());
            registry.getOrCreate(Gauge.builder("queryflux_queued_queries", group, ClusterGroup::queuedQueries)
                    .tags(List.of(Tag.create("cluster_group", group.name())))
                    .description("Queries waiting in the proxy for a slot in the group"));
            for (Cluster cluster : group.members()) {
                registry.getOrCreate(Gauge.builder("queryflux_running_queries", cluster, Cluster::runningQueries)
                        .tags(List.of(Tag.create("cluster_group", group.name()), Tag.create("cluster_name", cluster.name())))
                        .description("Queries the proxy runs on the cluster now"));
            }
        }
        for (Cluster cluster : clusters) {
            registry.getOrCreate(Gauge.builder("queryflux_cluster_healthy", cluster, c -> c.health().isHealthy() ? 1 : 0)
                    .tags(List.of(Tag.create("cluster_name", cluster.name())))
                    .description("1 when the cluster's last health check passed"));
            registry.getOrCreate(Gauge.builder("queryflux_cluster_circuit_open", cluster,
                            c -> c.circuitState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                    .tags(List.of(Tag.create("cluster_name", cluster.name())))
                    .description("1 while the cluster's circuit breaker is open or half-open"));
        }
    }

    @Override
    public void routed(RoutingDecision decision, Duration latency) {
        // The deciding router by its position and type: bounded by the config, not by queries.
        String router = decision.fallbackUsed() || decision.steps().isEmpty()
                ? "fallback"
                : decision.steps().getLast().index() + ":" + decision.steps().getLast().type();
        String outcome = decision.denial().isPresent() ? "denied" : "routed";
        registry.getOrCreate(Counter.builder("queryflux_routing_decisions_total")
                .tags(List.of(Tag.create("router", router), Tag.create("cluster_group", decision.group().orElse("none")),
                        Tag.create("outcome", outcome)))
                .description("Routing decisions by the router that decided and the group chosen"))
                .increment();
        registry.getOrCreate(DistributionSummary.builder("queryflux_routing_duration_seconds",
                        DistributionStatisticsConfig.builder().percentiles(new double[0])
                                .buckets(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1))
                .description("Time the router chain took to decide"))
                .record(seconds(latency));
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
        List<Tag> dialects = List.of(Tag.create("src_dialect", translation.source().configName()),
                Tag.create("tgt_dialect", translation.target().configName()));
        switch (translation.outcome()) {
            case NOT_NEEDED -> {
                return; // same dialect or nothing to change: no translator work worth a series
            }
            case TRANSLATED -> registry.getOrCreate(Counter.builder("queryflux_translated_queries_total")
                    .tags(dialects).description("Queries rewritten for their engine's dialect")).increment();
            case FAILED -> registry.getOrCreate(Counter.builder("queryflux_translation_failures_total")
                    .tags(dialects).description("Queries the translator could not rewrite (sent as written)"))
                    .increment();
        }
        registry.getOrCreate(DistributionSummary.builder("queryflux_translation_duration_seconds",
                        DistributionStatisticsConfig.builder().percentiles(new double[0])
                                .buckets(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01))
                .tags(dialects)
                .description("Time spent translating a query"))
                .record(translation.elapsedNanos() / 1e9);
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
        return registry.getOrCreate(DistributionSummary.builder("queryflux_queue_duration_seconds", buckets())
                .tags(List.of(Tag.create("cluster_group", group)))
                .description("Time queries waited in the proxy queue"));
    }

    private Counter rejections(String group) {
        return registry.getOrCreate(Counter.builder("queryflux_queue_rejections_total")
                .tags(List.of(Tag.create("cluster_group", group)))
                .description("Queries refused because the group's queue was full"));
    }

    @Override
    public void finished(FinishedQuery query) {
        String engine = query.engineType().orElse("none");
        String group = query.group().orElse("none");
        registry.getOrCreate(Counter.builder("queryflux_queries_total")
                .tags(List.of(Tag.create("engine_type", engine), Tag.create("cluster_group", group),
                        Tag.create("status", query.status().label()),
                        Tag.create("protocol", query.protocol().configName())))
                .description("Queries by how they ended"))
                .increment();
        registry.getOrCreate(DistributionSummary.builder("queryflux_query_duration_seconds", buckets())
                .tags(List.of(Tag.create("engine_type", engine), Tag.create("cluster_group", group)))
                .description("Query time from submission to close"))
                .record(seconds(query.duration()));
    }

    private static DistributionStatisticsConfig.Builder buckets() {
        // Buckets only: client-side percentiles cannot be aggregated across replicas.
        return DistributionStatisticsConfig.builder().percentiles(new double[0]).buckets(DURATION_BUCKETS);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
