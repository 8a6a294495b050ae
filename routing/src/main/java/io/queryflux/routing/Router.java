package io.queryflux.routing;

import io.queryflux.dispatch.QueryRequest;
import java.util.Map;
import java.util.Set;

/** One rule of the router chain. Implementations are immutable and thread-safe. */
public interface Router {
    /** The config {@code type} of this router, e.g. {@code header}. */
    String type();

    RouterOutcome route(QueryRequest request);

    /** The group names this router can route to, so config can check they exist. */
    Set<String> targetGroups();

    /** The router's settings, for the admin API. */
    Map<String, Object> describe();
}
