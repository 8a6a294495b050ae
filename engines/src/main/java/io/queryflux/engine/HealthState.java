package io.queryflux.engine;

/** The health of a cluster, as the proxy last saw it. */
public enum HealthState {
    /** Not yet checked since start-up. */
    STARTING,
    HEALTHY,
    UNHEALTHY
}
