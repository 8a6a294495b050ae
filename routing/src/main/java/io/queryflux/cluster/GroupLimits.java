package io.queryflux.cluster;

import java.time.Duration;

/**
 * A group's admission limits.
 *
 * @param maxRunningQueries queries that may run at once in the group
 * @param maxQueuedQueries queries that may wait in the proxy for a slot; more are refused at once
 * @param capacityWaitTimeout how long a query may wait for a slot before it fails
 */
public record GroupLimits(int maxRunningQueries, int maxQueuedQueries, Duration capacityWaitTimeout) {
    public GroupLimits {
        if (maxRunningQueries < 1) {
            throw new IllegalArgumentException("maxRunningQueries must be at least 1");
        }
        if (maxQueuedQueries < 0) {
            throw new IllegalArgumentException("maxQueuedQueries must not be negative");
        }
        if (capacityWaitTimeout.isNegative()) {
            throw new IllegalArgumentException("capacityWaitTimeout must not be negative");
        }
    }
}
