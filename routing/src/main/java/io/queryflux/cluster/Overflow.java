package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a group sends queries it cannot take: to {@code group} when its queue is full, and,
 * when {@code spillAfter} is set, also once a query has waited that long for a slot.
 */
public record Overflow(String group, Optional<Duration> spillAfter) {
    public Overflow {
        requireNonNull(group, "group is null");
        requireNonNull(spillAfter, "spillAfter is null");
        spillAfter.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("spillAfter must not be negative");
            }
        });
    }
}
