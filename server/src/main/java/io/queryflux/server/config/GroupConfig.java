package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.GroupLimits;
import java.util.List;

/** A cluster group as configured. */
public record GroupConfig(String name, boolean enabled, List<String> members, String strategy, GroupLimits limits) {
    public GroupConfig {
        requireNonNull(name, "name is null");
        members = List.copyOf(requireNonNull(members, "members is null"));
        requireNonNull(strategy, "strategy is null");
        requireNonNull(limits, "limits is null");
    }
}
