package io.queryflux.cluster;

import static java.util.Objects.requireNonNull;

/** What {@link ClusterGroup#admitOrSpill()} did: admitted the query, or sent it on to the overflow group. */
public sealed interface AdmitResult {
    /** The query has a slot and a cluster in this group. */
    record Admitted(Admission admission) implements AdmitResult {
        public Admitted {
            requireNonNull(admission, "admission is null");
        }
    }

    /** The group could not take the query and names its overflow group; it holds nothing. */
    record Spilled(String overflowGroup, String reason) implements AdmitResult {
        public Spilled {
            requireNonNull(overflowGroup, "overflowGroup is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
