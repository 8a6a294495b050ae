package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The router chain's answer for one query and how it got there.
 *
 * @param steps every router consulted, in order, up to the one that decided
 * @param group the chosen group; empty when a router denied the query
 * @param fallbackUsed whether no router decided and {@code routingFallback} applied
 * @param denial the deny reason when a router denied the query
 */
public record RoutingDecision(List<RouterStep> steps, Optional<String> group, boolean fallbackUsed,
        Optional<String> denial) {
    public RoutingDecision {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        requireNonNull(group, "group is null");
        requireNonNull(denial, "denial is null");
        if (group.isPresent() == denial.isPresent()) {
            throw new IllegalArgumentException("exactly one of group and denial must be set");
        }
    }
}
