package io.queryflux.server.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.dispatch.FinishedQuery;
import io.queryflux.dispatch.QueryObserver;
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
        }
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
