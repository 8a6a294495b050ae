package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Routes when all (or any) of its conditions hold ({@code type: compound}). */
public final class CompoundRouter implements Router {
    public enum Combine {
        ALL,
        ANY
    }

    private final Combine combine;
    private final List<Condition> conditions;
    private final String targetGroup;

    public CompoundRouter(Combine combine, List<Condition> conditions, String targetGroup) {
        this.combine = requireNonNull(combine, "combine is null");
        this.conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
        this.targetGroup = requireNonNull(targetGroup, "targetGroup is null");
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a compound router needs at least one condition");
        }
    }

    @Override
    public String type() {
        return "compound";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        List<Condition> held = conditions.stream().filter(c -> c.matches(request)).toList();
        boolean matched = combine == Combine.ALL ? held.size() == conditions.size() : !held.isEmpty();
        String summary = held.size() + " of " + conditions.size() + " conditions held"
                + (held.isEmpty() ? "" : " (" + held.stream().map(Condition::describe).collect(Collectors.joining(", ")) + ")");
        return matched
                ? RouterOutcome.route(targetGroup, combine.name().toLowerCase(java.util.Locale.ROOT) + ": " + summary)
                : RouterOutcome.pass(combine.name().toLowerCase(java.util.Locale.ROOT) + ": " + summary);
    }

    @Override
    public Set<String> targetGroups() {
        return Set.of(targetGroup);
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of(
                "combine", combine.name().toLowerCase(java.util.Locale.ROOT),
                "conditions", conditions.stream().map(Condition::describe).toList(),
                "targetGroup", targetGroup);
    }
}
