package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ordered routers and the fallback group; the first router that decides wins. */
public final class RouterChain {
    private final List<Router> routers;
    private final String fallbackGroup;

    public RouterChain(List<Router> routers, String fallbackGroup) {
        this.routers = List.copyOf(requireNonNull(routers, "routers is null"));
        this.fallbackGroup = requireNonNull(fallbackGroup, "fallbackGroup is null");
    }

    public RoutingDecision route(QueryRequest request) {
        List<RouterStep> steps = new ArrayList<>();
        for (int i = 0; i < routers.size(); i++) {
            Router router = routers.get(i);
            RouterOutcome outcome = router.route(request);
            steps.add(new RouterStep(i, router.type(), outcome));
            switch (outcome.decision()) {
                case ROUTE -> {
                    return new RoutingDecision(steps, outcome.group(), false, Optional.empty());
                }
                case DENY -> {
                    return new RoutingDecision(steps, Optional.empty(), false, Optional.of(outcome.reason()));
                }
                case PASS -> {
                    // try the next router
                }
            }
        }
        return new RoutingDecision(steps, Optional.of(fallbackGroup), true, Optional.empty());
    }

    public List<Router> routers() {
        return routers;
    }

    public String fallbackGroup() {
        return fallbackGroup;
    }
}
