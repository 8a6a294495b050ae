package io.queryflux.dispatch;

import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.ClusterPick;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.RoutingDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out a query's route the way {@link RunningQuery#start()} would, but takes no slot, runs
 * nothing, and leaves strategies' rotation untouched.
 */
final class RouteExplainer {
    private final RouterChain routerChain;
    private final Map<String, ClusterGroup> groups;

    RouteExplainer(RouterChain routerChain, Map<String, ClusterGroup> groups) {
        this.routerChain = routerChain;
        this.groups = groups;
    }

    RouteExplanation explain(QueryRequest request) {
        ClientSession session = request.session();
        if (SessionStatements.parse(request.sql()).isPresent()) {
            return new RouteExplanation(session.protocol(), session.user(),
                    Optional.of("session statement answered by the proxy"), List.of(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        RoutingDecision decision = routerChain.route(request);
        if (decision.group().isEmpty()) {
            return new RouteExplanation(session.protocol(), session.user(), Optional.empty(), decision.steps(),
                    Optional.empty(), false, decision.denial(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        ClusterGroup group = groups.get(decision.group().get());
        ClusterPick pick = group.peekCluster();
        return new RouteExplanation(session.protocol(), session.user(), Optional.empty(), decision.steps(),
                decision.group(), decision.fallbackUsed(), Optional.empty(), pick.cluster(), pick.engineType(),
                Optional.of(pick.reason()), Optional.of(admission(group)));
    }

    private static String admission(ClusterGroup group) {
        GroupLimits limits = group.limits();
        if (!group.enabled()) {
            return "group '" + group.name() + "' is disabled: the query would fail";
        }
        int running = group.runningQueries();
        int queued = group.queuedQueries();
        if (running < limits.maxRunningQueries() && queued == 0) {
            return "a slot is free (" + running + " of " + limits.maxRunningQueries() + " running)";
        }
        if (queued >= limits.maxQueuedQueries()) {
            return "queue full (" + queued + " of " + limits.maxQueuedQueries() + " waiting): the query would "
                    + group.overflow().map(o -> "spill to cluster group '" + o.group() + "'").orElse("be refused");
        }
        return "would queue behind " + queued + " waiting (" + running + " of " + limits.maxRunningQueries()
                + " running)";
    }
}
