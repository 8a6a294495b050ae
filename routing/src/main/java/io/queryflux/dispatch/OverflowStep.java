package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

/** A query moved from a group that could not take it to that group's overflow group. */
public record OverflowStep(String fromGroup, String toGroup, String reason) {
    public OverflowStep {
        requireNonNull(fromGroup, "fromGroup is null");
        requireNonNull(toGroup, "toGroup is null");
        requireNonNull(reason, "reason is null");
    }
}
