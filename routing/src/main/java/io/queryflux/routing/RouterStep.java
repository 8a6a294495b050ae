package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

/** One router's part in a routing decision. */
public record RouterStep(int index, String type, RouterOutcome outcome) {
    public RouterStep {
        requireNonNull(type, "type is null");
        requireNonNull(outcome, "outcome is null");
    }
}
