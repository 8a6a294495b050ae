package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Routes or denies by regular expressions on the SQL text ({@code type: queryRegex}). Rules
 * are tried in order; a rule matches when its pattern is found anywhere in the text.
 */
public final class QueryRegexRouter implements Router {
    public enum Action {
        ROUTE,
        DENY
    }

    /**
     * A rule. A {@code route} rule names a target group; a {@code deny} rule has a message the
     * client sees.
     */
    public record Rule(Pattern regex, Action action, Optional<String> targetGroup, Optional<String> message) {
        public Rule {
            requireNonNull(regex, "regex is null");
            requireNonNull(action, "action is null");
            requireNonNull(targetGroup, "targetGroup is null");
            requireNonNull(message, "message is null");
            if (action == Action.ROUTE && targetGroup.isEmpty()) {
                throw new IllegalArgumentException("a route rule needs a targetGroup");
            }
        }
    }

    private final List<Rule> rules;

    public QueryRegexRouter(List<Rule> rules) {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    @Override
    public String type() {
        return "queryRegex";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.regex().matcher(request.sql()).find()) {
                String why = "rule " + i + " /" + rule.regex().pattern() + "/ matched";
                return rule.action() == Action.ROUTE
                        ? RouterOutcome.route(rule.targetGroup().orElseThrow(), why)
                        : RouterOutcome.deny(rule.message().orElse("Query denied by routing rule: " + why));
            }
        }
        return RouterOutcome.pass("no rule matched");
    }

    @Override
    public Set<String> targetGroups() {
        return rules.stream().flatMap(r -> r.targetGroup().stream()).collect(Collectors.toSet());
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("rules", rules.stream().map(r -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("regex", r.regex().pattern());
            rule.put("action", r.action().name().toLowerCase(java.util.Locale.ROOT));
            r.targetGroup().ifPresent(g -> rule.put("targetGroup", g));
            r.message().ifPresent(m -> rule.put("message", m));
            return rule;
        }).toList());
    }
}
