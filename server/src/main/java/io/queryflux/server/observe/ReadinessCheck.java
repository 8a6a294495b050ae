package io.queryflux.server.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import java.util.Collection;
import java.util.List;

/**
 * Ready when every enabled group has at least one enabled, healthy cluster; the details list
 * each cluster's state and reason.
 */
public final class ReadinessCheck implements HealthCheck {
    private final Collection<ClusterGroup> groups;
    private final List<Cluster> clusters;

    public ReadinessCheck(Collection<ClusterGroup> groups, List<Cluster> clusters) {
        this.groups = List.copyOf(groups);
        this.clusters = List.copyOf(clusters);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "clusters";
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = groups.stream().filter(ClusterGroup::enabled).allMatch(group ->
                group.members().stream().anyMatch(c -> c.enabled() && c.health().isHealthy()));
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(ready ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN);
        for (Cluster cluster : clusters) {
            response.detail(cluster.name(), (cluster.enabled() ? "" : "disabled, ")
                    + cluster.health().state().name().toLowerCase(java.util.Locale.ROOT) + ": " + cluster.health().reason());
        }
        return response.build();
    }
}
