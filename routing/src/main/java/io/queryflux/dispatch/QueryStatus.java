package io.queryflux.dispatch;

/** How a query ended, as the {@code status} metric label says it. */
public enum QueryStatus {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String label;

    QueryStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
