package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.Overflow;
import io.queryflux.sql.TranslationMode;
import java.util.List;
import java.util.Optional;

/**
 * A cluster group as configured.
 *
 * @param translationMode the group's own translation mode, overriding the default
 */
public record GroupConfig(String name, boolean enabled, List<String> members, StrategyConfig strategy,
        GroupLimits limits, Optional<Overflow> overflow, Optional<TranslationMode> translationMode) {
    public GroupConfig {
        requireNonNull(name, "name is null");
        members = List.copyOf(requireNonNull(members, "members is null"));
        requireNonNull(strategy, "strategy is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(overflow, "overflow is null");
        requireNonNull(translationMode, "translationMode is null");
    }
}
