package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Routes by client tags ({@code type: tags}). Rules are tried in order; a rule matches when
 * every tag it names is present (with its value, when it gives one).
 */
public final class TagsRouter implements Router {
    /** A rule: wanted tags (an empty value means any value) and the group they route to. */
    public record Rule(Map<String, Optional<String>> tags, String targetGroup) {
        public Rule {
            tags = Map.copyOf(requireNonNull(tags, "tags is null"));
            requireNonNull(targetGroup, "targetGroup is null");
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("a tags rule needs at least one tag");
            }
        }

        boolean matches(Set<String> clientTags) {
            return tags.entrySet().stream().allMatch(t -> ClientTags.has(clientTags, t.getKey(), t.getValue()));
        }

        String describeTags() {
            return tags.entrySet().stream()
                    .map(t -> ClientTags.describe(t.getKey(), t.getValue()))
                    .sorted()
                    .collect(Collectors.joining(", "));
        }
    }

    private final List<Rule> rules;

    public TagsRouter(List<Rule> rules) {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    @Override
    public String type() {
        return "tags";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        Set<String> clientTags = request.session().clientTags();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.matches(clientTags)) {
                return RouterOutcome.route(rule.targetGroup(), "rule " + i + " matched tags [" + rule.describeTags() + "]");
            }
        }
        return RouterOutcome.pass("no rule matched client tags " + clientTags.stream().sorted().toList());
    }

    @Override
    public Set<String> targetGroups() {
        return rules.stream().map(Rule::targetGroup).collect(Collectors.toSet());
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("rules", rules.stream().map(r -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("tags", r.describeTags());
            rule.put("targetGroup", r.targetGroup());
            return rule;
        }).toList());
    }
}
