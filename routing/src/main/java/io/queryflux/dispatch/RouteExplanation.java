package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.routing.RouterStep;
import java.util.List;
import java.util.Optional;

/**
 * Where a query would go and why, worked out without running it ({@code POST
 * /admin/route/explain}).
 *
 * @param handledInProxy set when the proxy would answer the statement itself ({@code USE},
 *     {@code SET SESSION}); nothing is then routed
 * @param routers every router consulted, in order, with its outcome and reason
 * @param group the group the chain picks; empty when denied or answered in the proxy
 * @param fallbackUsed whether no router decided and {@code routingFallback} applied
 * @param denial the deny reason when a router denies the query
 * @param cluster the cluster the group's strategy would pick now
 * @param engineType that cluster's engine
 * @param clusterReason the strategy's choice in words, or why no cluster qualifies
 * @param admission whether the group has a free slot now, would queue the query, or is full
 */
public record RouteExplanation(
        Protocol protocol,
        String user,
        Optional<String> handledInProxy,
        List<RouterStep> routers,
        Optional<String> group,
        boolean fallbackUsed,
        Optional<String> denial,
        Optional<String> cluster,
        Optional<String> engineType,
        Optional<String> clusterReason,
        Optional<String> admission) {
    public RouteExplanation {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(user, "user is null");
        requireNonNull(handledInProxy, "handledInProxy is null");
        routers = List.copyOf(requireNonNull(routers, "routers is null"));
        requireNonNull(group, "group is null");
        requireNonNull(denial, "denial is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(engineType, "engineType is null");
        requireNonNull(clusterReason, "clusterReason is null");
        requireNonNull(admission, "admission is null");
    }
}
