package io.queryflux.dispatch;

/** Where a query is in its life. */
public enum QueryState {
    /** Created, or waiting for a slot in its group. */
    QUEUED,
    /** Running on a cluster; rows may be streaming. */
    RUNNING,
    FINISHED,
    FAILED,
    CANCELED;

    public boolean isDone() {
        return this == FINISHED || this == FAILED || this == CANCELED;
    }
}
