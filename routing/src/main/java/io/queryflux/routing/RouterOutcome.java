package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one router decided.
 *
 * @param decision whether it routed, denied or passed
 * @param group the target group when it routed
 * @param reason why, in words an operator reads in the routing trace
 */
public record RouterOutcome(Decision decision, Optional<String> group, String reason) {
    public enum Decision {
        ROUTE,
        DENY,
        PASS
    }

    public RouterOutcome {
        requireNonNull(decision, "decision is null");
        requireNonNull(group, "group is null");
        requireNonNull(reason, "reason is null");
    }

    public static RouterOutcome route(String group, String reason) {
        return new RouterOutcome(Decision.ROUTE, Optional.of(group), reason);
    }

    public static RouterOutcome deny(String reason) {
        return new RouterOutcome(Decision.DENY, Optional.empty(), reason);
    }

    public static RouterOutcome pass(String reason) {
        return new RouterOutcome(Decision.PASS, Optional.empty(), reason);
    }

    public boolean decided() {
        return decision != Decision.PASS;
    }
}
